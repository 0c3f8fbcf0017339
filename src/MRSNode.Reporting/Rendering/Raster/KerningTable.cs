namespace MRSNode.Reporting.Rendering.Raster;

/// <summary>
/// Pair kerning from the 'kern' table (Microsoft version 0, horizontal format 0 subtables), in font units.
/// GPOS kerning is not read: DejaVu carries the same pairs in 'kern', and FreeType's basic layout uses the same.
/// </summary>
internal sealed class KerningTable
{
    private readonly Dictionary<uint, short> _pairs;

    private KerningTable(Dictionary<uint, short> pairs) => _pairs = pairs;

    public static KerningTable Empty { get; } = new([]);

    public int Count => _pairs.Count;

    public int Get(int left, int right) => _pairs.TryGetValue(((uint)left << 16) | (uint)right, out var v) ? v : 0;

    public static KerningTable Parse(FontTable kern)
    {
        // Apple's version 1 table starts with a 32-bit 0x00010000; we keep no kerning for it rather than misread it.
        if (kern.U16(0) != 0)
        {
            return Empty;
        }
        int tables = kern.U16(2);
        var pairs = new Dictionary<uint, short>();
        int offset = 4;
        for (int i = 0; i < tables; i++)
        {
            int length = kern.U16(offset + 2), coverage = kern.U16(offset + 4);
            if (length < 6)
            {
                throw kern.Error(offset + 2, $"subtable {i} claims {length} bytes, less than its header");
            }
            bool horizontal = (coverage & 1) != 0, minimum = (coverage & 2) != 0, crossStream = (coverage & 4) != 0;
            if ((coverage >> 8) == 0 && horizontal && !minimum && !crossStream)
            {
                int count = kern.U16(offset + 6);
                // The length field is 16 bits and overflows for big subtables (DejaVu's): trust the pair count, checked against the table.
                kern.Require(offset + 14, 6L * count, $"kern subtable {i} pairs");
                for (int p = 0; p < count; p++)
                {
                    int at = offset + 14 + 6 * p;
                    uint key = ((uint)kern.U16(at) << 16) | kern.U16(at + 2);
                    short value = kern.S16(at + 4);
                    // Override bit (8) replaces; otherwise values of several subtables add up.
                    pairs[key] = (coverage & 8) != 0 || !pairs.TryGetValue(key, out var old) ? value : (short)(old + value);
                }
                offset += 14 + 6 * count;
            }
            else
            {
                offset += length;
            }
        }
        return new KerningTable(pairs);
    }
}
