using System.Text;
using MRSNode.Dicom;
using Xunit;

namespace MRSNode.Dicom.Tests.IO;

/// <summary>Deep comparison of data sets: same tags, VRs, value bytes and sequence structure.</summary>
internal static class DatasetAssert
{
    public static void Equal(DicomDataset expected, DicomDataset actual)
    {
        var differences = new List<string>();
        Compare(expected, actual, "", differences);
        Assert.True(differences.Count == 0, "Data sets differ:\n" + string.Join('\n', differences.Take(20)));
    }

    private static void Compare(DicomDataset a, DicomDataset b, string path, List<string> diffs)
    {
        var tags = a.Select(i => i.Tag).Union(b.Select(i => i.Tag)).Order();
        foreach (var tag in tags)
        {
            var x = a[tag];
            var y = b[tag];
            var where = path + tag;
            if (x is null || y is null)
            {
                diffs.Add($"{where}: only in {(x is null ? "actual" : "expected")}");
                continue;
            }
            if (x.VR != y.VR)
            {
                diffs.Add($"{where}: VR {x.VR} vs {y.VR}");
                continue;
            }
            switch (x, y)
            {
                case (DicomElement ex, DicomElement ey):
                    if (!ex.Value.Span.SequenceEqual(ey.Value.Span))
                    {
                        diffs.Add($"{where}: value {Hex(ex.Value)} vs {Hex(ey.Value)}");
                    }
                    break;
                case (DicomSequence sx, DicomSequence sy):
                    if (sx.Items.Count != sy.Items.Count)
                    {
                        diffs.Add($"{where}: {sx.Items.Count} vs {sy.Items.Count} items");
                        break;
                    }
                    for (int i = 0; i < sx.Items.Count; i++)
                    {
                        Compare(sx.Items[i], sy.Items[i], $"{where}[{i}].", diffs);
                    }
                    break;
                case (DicomFragmentSequence fx, DicomFragmentSequence fy):
                    if (!fx.OffsetTable.Span.SequenceEqual(fy.OffsetTable.Span) || fx.Fragments.Count != fy.Fragments.Count
                        || fx.Fragments.Zip(fy.Fragments).Any(p => !p.First.Span.SequenceEqual(p.Second.Span)))
                    {
                        diffs.Add($"{where}: fragments differ");
                    }
                    break;
                default:
                    diffs.Add($"{where}: {x.GetType().Name} vs {y.GetType().Name}");
                    break;
            }
        }
    }

    private static string Hex(ReadOnlyMemory<byte> m)
    {
        var sb = new StringBuilder();
        foreach (var b in m.Span[..Math.Min(m.Length, 24)])
        {
            sb.Append(b.ToString("x2"));
        }
        return m.Length > 24 ? sb + $"...({m.Length} bytes)" : sb.ToString();
    }
}
