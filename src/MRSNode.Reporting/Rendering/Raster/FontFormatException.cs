namespace MRSNode.Reporting.Rendering.Raster;

/// <summary>
/// The one exception a malformed or unsupported font raises: it names the table and the byte offset,
/// so a bad font is explained in one line instead of surfacing as an IndexOutOfRangeException.
/// </summary>
public sealed class FontFormatException : Exception
{
    public FontFormatException(string table, long offset, string problem)
        : base($"font table '{table}' at byte {offset}: {problem}")
    {
        Table = table;
        Offset = offset;
    }

    public FontFormatException() : base("malformed font") { Table = ""; }
    public FontFormatException(string message) : base(message) { Table = ""; }
    public FontFormatException(string message, Exception inner) : base(message, inner) { Table = ""; }

    /// <summary>The table being read ("directory" for the table directory).</summary>
    public string Table { get; }

    /// <summary>Byte offset in the font file.</summary>
    public long Offset { get; }
}
