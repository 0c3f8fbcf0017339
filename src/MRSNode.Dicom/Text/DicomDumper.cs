using MRSNode.Dicom.IO;
using System.Globalization;
using System.Text;

namespace MRSNode.Dicom;

/// <summary>
/// Prints a data set in dcmdump's layout — "(gggg,eeee) VR value  # length, VM Keyword" — so its
/// output can be compared line by line with dcmtk's. UIDs are printed as numbers (dcmdump -Un).
/// </summary>
public sealed class DicomDumper
{
    private const int ValueColumn = 40;

    /// <summary>Longest value printed before "..." (dcmdump -L); int.MaxValue prints everything (+L).</summary>
    public int MaxValueLength { get; init; } = 64;

    public string Dump(DicomFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var sb = new StringBuilder();
        sb.Append("\n# Dicom-File-Format\n\n# Dicom-Meta-Information-Header\n# Used TransferSyntax: Little Endian Explicit\n");
        AppendDataset(sb, file.FileMetaInformation, 0);
        sb.Append("\n# Dicom-Data-Set\n# Used TransferSyntax: ").Append(file.TransferSyntax.Name).Append('\n');
        AppendDataset(sb, file.Dataset, 0);
        return sb.ToString();
    }

    public string Dump(DicomDataset dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        var sb = new StringBuilder();
        AppendDataset(sb, dataset, 0);
        return sb.ToString();
    }

    private void AppendDataset(StringBuilder sb, DicomDataset ds, int depth)
    {
        foreach (var item in ds)
        {
            switch (item)
            {
                case DicomElement e:
                    AppendElement(sb, ds, e, depth);
                    break;
                case DicomSequence sq:
                    Line(sb, depth, sq.Tag, "SQ", $"(Sequence #={sq.Items.Count})", "u/l", 1, Keyword(ds, sq.Tag));
                    foreach (var child in sq.Items)
                    {
                        Line(sb, depth + 1, DicomTag.Item, "na", $"(Item #={child.Count})", "u/l", 1, "Item");
                        AppendDataset(sb, child, depth + 2);
                        Line(sb, depth + 1, DicomTag.ItemDelimitationItem, "na", "(ItemDelimitationItem)", "0", 0, "ItemDelimitationItem");
                    }
                    Line(sb, depth, DicomTag.SequenceDelimitationItem, "na", "(SequenceDelimitationItem)", "0", 0, "SequenceDelimitationItem");
                    break;
                case DicomFragmentSequence f:
                    Line(sb, depth, f.Tag, f.VR.Code, $"(PixelSequence #={f.Fragments.Count + 1})", "u/l", 1, Keyword(ds, f.Tag));
                    AppendFragment(sb, depth + 1, f.OffsetTable);
                    foreach (var fragment in f.Fragments)
                    {
                        AppendFragment(sb, depth + 1, fragment);
                    }
                    Line(sb, depth, DicomTag.SequenceDelimitationItem, "na", "(SequenceDelimitationItem)", "0", 0, "SequenceDelimitationItem");
                    break;
            }
        }
    }

    private void AppendFragment(StringBuilder sb, int depth, ReadOnlyMemory<byte> bytes)
    {
        var e = new DicomElement(DicomTag.Item, DicomVR.OB, bytes);
        var value = new StringBuilder();
        DicomValueFormatter.AppendValue(value, e, DicomCharacterSet.Default, MaxValueLength);
        Line(sb, depth, DicomTag.Item, "pi", bytes.IsEmpty ? "(no value available)" : value.ToString(),
            bytes.Length.ToString(CultureInfo.InvariantCulture), 1, "Item");
    }

    private void AppendElement(StringBuilder sb, DicomDataset ds, DicomElement e, int depth)
    {
        var charset = ds.CharacterSet;
        string value;
        if (e.Length == 0)
        {
            value = "(no value available)";
        }
        else
        {
            var v = new StringBuilder();
            DicomValueFormatter.AppendValue(v, e, charset, MaxValueLength);
            value = e.VR.IsText ? $"[{v}]" : v.ToString();
        }
        var vm = DicomValueCodec.CountValues(e.VR, e.Value.Span, charset);
        Line(sb, depth, e.Tag, e.VR.Code, value, e.Length.ToString(CultureInfo.InvariantCulture), vm, Keyword(ds, e.Tag));
    }

    private static void Line(StringBuilder sb, int depth, DicomTag tag, string vr, string value, string length, int vm, string name)
    {
        sb.Append(' ', 2 * depth).Append(tag.ToString()).Append(' ').Append(vr).Append(' ').Append(value);
        if (value.Length < ValueColumn)
        {
            sb.Append(' ', ValueColumn - value.Length);
        }
        sb.Append(" # ").Append(length.PadLeft(3)).Append(", ").Append(vm.ToString(CultureInfo.InvariantCulture)).Append(' ').Append(name).Append('\n');
    }

    private static string Keyword(DicomDataset ds, DicomTag tag)
    {
        if (tag.IsPrivateCreator)
        {
            return "PrivateCreator";
        }
        return DicomDictionary.Find(tag, ds.GetPrivateCreator(tag))?.Keyword ?? "Unknown Tag & Data";
    }
}
