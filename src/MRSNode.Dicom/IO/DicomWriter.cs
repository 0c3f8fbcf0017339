using System.Buffers.Binary;

namespace MRSNode.Dicom.IO;

/// <summary>
/// Encodes data sets in any uncompressed transfer syntax (and encapsulated ones, keeping their
/// fragments). Values are padded to even length; group and sequence lengths are computed.
/// </summary>
public sealed class DicomWriter
{
    private const uint UndefinedLength = 0xFFFFFFFF;

    private readonly Stream _stream;
    private readonly DicomSyntax _syntax;
    private readonly DicomWriteOptions _options;
    private readonly bool _encapsulated;
    private readonly byte[] _scratch = new byte[12];

    public DicomWriter(Stream stream, DicomTransferSyntax syntax, DicomWriteOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(syntax);
        _stream = stream;
        _syntax = DicomSyntax.Of(syntax);
        _encapsulated = syntax.IsEncapsulated;
        _options = options ?? DicomWriteOptions.Default;
    }

    internal DicomWriter(Stream stream, DicomSyntax syntax, DicomWriteOptions options)
    {
        _stream = stream;
        _syntax = syntax;
        _options = options;
    }

    public void Write(DicomDataset dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        WriteDataset(dataset);
    }

    /// <summary>The encoded length of a data set in this writer's syntax (without any item header).</summary>
    public long Measure(DicomDataset dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        long total = 0;
        foreach (var item in dataset)
        {
            if (IncludeItem(item))
            {
                total += MeasureItem(item);
            }
        }
        return total;
    }

    private bool IncludeItem(DicomItem item) => !item.Tag.IsGroupLength || _options.KeepGroupLengths;

    private void WriteDataset(DicomDataset dataset)
    {
        foreach (var item in dataset)
        {
            if (!IncludeItem(item))
            {
                continue;
            }
            if (item.Tag.IsGroupLength && item is DicomElement)
            {
                // Recompute from what follows in the group, whatever the stored value said.
                long groupLength = dataset.Where(i => i.Tag.Group == item.Tag.Group && !i.Tag.IsGroupLength).Sum(MeasureItem);
                WriteElement(new DicomElement(item.Tag, DicomVR.UL, BitConverter.GetBytes(checked((uint)groupLength))));
                continue;
            }
            switch (item)
            {
                case DicomElement e: WriteElement(e); break;
                case DicomSequence sq: WriteSequence(sq); break;
                case DicomFragmentSequence f: WriteFragments(f); break;
            }
        }
    }

    private long MeasureItem(DicomItem item)
    {
        switch (item)
        {
            case DicomElement e:
                return HeaderLength(EffectiveVR(e)) + Padded(e.Length);
            case DicomSequence sq:
                long content = 0;
                foreach (var child in sq.Items)
                {
                    content += 8 + Measure(child) + (_options.DefinedLengthSequences ? 0 : 8);
                }
                return HeaderLength(DicomVR.SQ) + content + (_options.DefinedLengthSequences ? 0 : 8);
            case DicomFragmentSequence f:
                long frag = 8 + Padded(f.OffsetTable.Length) + f.Fragments.Sum(x => 8 + Padded(x.Length)) + 8;
                return HeaderLength(f.VR) + frag;
            default:
                throw new InvalidOperationException();
        }
    }

    private static long Padded(int length) => length + (length & 1);

    private int HeaderLength(DicomVR vr) => !_syntax.ExplicitVR ? 8 : vr.UsesLongLength ? 12 : 8;

    /// <summary>A value too long for a 16-bit length field can only be written as UN (PS3.5 §6.2.2).</summary>
    private DicomVR EffectiveVR(DicomElement e) =>
        _syntax.ExplicitVR && !e.VR.UsesLongLength && Padded(e.Length) > 0xFFFF ? DicomVR.UN : e.VR;

    private void WriteElement(DicomElement e)
    {
        var vr = EffectiveVR(e);
        int padded = (int)Padded(e.Length);
        WriteHeader(e.Tag, vr, (uint)padded);
        var value = e.Value.Span;
        if (_syntax.BigEndian && vr.SwapUnit > 1)
        {
            var swapped = value.ToArray();
            DicomValueCodec.SwapBytes(swapped, vr.SwapUnit);
            _stream.Write(swapped);
        }
        else
        {
            _stream.Write(value);
        }
        if (padded != e.Length)
        {
            _stream.WriteByte(e.VR.PaddingByte);
        }
    }

    private void WriteSequence(DicomSequence sq)
    {
        bool defined = _options.DefinedLengthSequences;
        WriteHeader(sq.Tag, DicomVR.SQ, defined ? checked((uint)(MeasureItem(sq) - HeaderLength(DicomVR.SQ))) : UndefinedLength);
        foreach (var item in sq.Items)
        {
            WriteTagLength(DicomTag.Item, defined ? checked((uint)Measure(item)) : UndefinedLength);
            WriteDataset(item);
            if (!defined)
            {
                WriteTagLength(DicomTag.ItemDelimitationItem, 0);
            }
        }
        if (!defined)
        {
            WriteTagLength(DicomTag.SequenceDelimitationItem, 0);
        }
    }

    private void WriteFragments(DicomFragmentSequence f)
    {
        if (!_encapsulated)
        {
            throw new InvalidOperationException(
                $"{f.Tag} holds compressed fragments; it can only be written in an encapsulated transfer syntax (decompression is not supported).");
        }
        WriteHeader(f.Tag, f.VR, UndefinedLength);
        WriteFragment(f.OffsetTable.Span);
        foreach (var fragment in f.Fragments)
        {
            WriteFragment(fragment.Span);
        }
        WriteTagLength(DicomTag.SequenceDelimitationItem, 0);
    }

    private void WriteFragment(ReadOnlySpan<byte> bytes)
    {
        WriteTagLength(DicomTag.Item, (uint)Padded(bytes.Length));
        _stream.Write(bytes);
        if ((bytes.Length & 1) == 1)
        {
            _stream.WriteByte(0);
        }
    }

    private void WriteHeader(DicomTag tag, DicomVR vr, uint length)
    {
        WriteTag(tag);
        if (!_syntax.ExplicitVR)
        {
            WriteUInt32(length);
            return;
        }
        _scratch[0] = (byte)vr.Code[0];
        _scratch[1] = (byte)vr.Code[1];
        if (vr.UsesLongLength)
        {
            _scratch[2] = 0;
            _scratch[3] = 0;
            _stream.Write(_scratch, 0, 4);
            WriteUInt32(length);
        }
        else
        {
            _stream.Write(_scratch, 0, 2);
            WriteUInt16((ushort)length);
        }
    }

    // Delimitation items have no VR in any syntax.
    private void WriteTagLength(DicomTag tag, uint length)
    {
        WriteTag(tag);
        WriteUInt32(length);
    }

    private void WriteTag(DicomTag tag)
    {
        WriteUInt16(tag.Group);
        WriteUInt16(tag.Element);
    }

    private void WriteUInt16(ushort v)
    {
        if (_syntax.BigEndian) BinaryPrimitives.WriteUInt16BigEndian(_scratch, v);
        else BinaryPrimitives.WriteUInt16LittleEndian(_scratch, v);
        _stream.Write(_scratch, 0, 2);
    }

    private void WriteUInt32(uint v)
    {
        if (_syntax.BigEndian) BinaryPrimitives.WriteUInt32BigEndian(_scratch, v);
        else BinaryPrimitives.WriteUInt32LittleEndian(_scratch, v);
        _stream.Write(_scratch, 0, 4);
    }
}
