namespace MRSNode.Dicom.IO;

/// <summary>The encoding rules a stretch of data uses (UN of undefined length switches to implicit LE inside).</summary>
internal readonly record struct DicomSyntax(bool ExplicitVR, bool BigEndian)
{
    public static readonly DicomSyntax ExplicitLittle = new(true, false);
    public static readonly DicomSyntax ImplicitLittle = new(false, false);

    public static DicomSyntax Of(DicomTransferSyntax ts) => new(ts.IsExplicitVR, ts.IsBigEndian);
}

/// <summary>
/// Parses data set encodings of PS3.5 §7 into observer callbacks. Every length is checked against
/// its enclosing item, sequence and the input; nesting depth is bounded; each loop step consumes
/// input, so no stream can make it hang. All failures are <see cref="DicomFormatException"/>.
/// </summary>
internal sealed class DicomParser
{
    private const uint UndefinedLength = 0xFFFFFFFF;

    private readonly DicomInput _input;
    private IDicomReaderObserver _observer; // a NullObserver while a skipped sequence is walked
    private bool _skipping;
    private long _count;
    private readonly DicomReadOptions _options;

    public DicomParser(DicomInput input, IDicomReaderObserver observer, DicomReadOptions options)
    {
        _input = input;
        _observer = observer;
        _options = options;
    }

    /// <summary>True when parsing ended at <see cref="DicomReadOptions.StopBeforeTag"/>.</summary>
    public bool Stopped { get; private set; }

    /// <summary>Parses a top-level data set until the input ends (or the stop tag).</summary>
    public void ParseDataset(DicomSyntax syntax) =>
        ReadItemContent(syntax, end: -1, undefinedItem: false, limit: long.MaxValue, depth: 0);

    /// <summary>Parses consecutive group-0002 elements (the file meta information, always explicit VR LE).</summary>
    public void ParseMetaGroup()
    {
        var context = new ItemContext();
        while (_input.Peek(2) is { Length: 2 } p && p[0] == 0x02 && p[1] == 0x00)
        {
            ReadOne(DicomSyntax.ExplicitLittle, limit: long.MaxValue, depth: 0, context);
        }
    }

    private sealed class ItemContext
    {
        public Dictionary<uint, string>? PrivateCreators;
        public bool SignedPixels;
    }

    private void ReadItemContent(DicomSyntax syntax, long end, bool undefinedItem, long limit, int depth)
    {
        var context = new ItemContext();
        while (true)
        {
            if (end >= 0 && _input.Position >= end)
            {
                return;
            }
            if (end < 0 && _input.Position >= limit)
            {
                throw _input.Error("item has no delimitation before its sequence ends");
            }
            if (end < 0 && _input.AtEnd)
            {
                if (undefinedItem)
                {
                    throw _input.Error("unexpected end of data: item delimitation missing");
                }
                return;
            }
            if (!ReadOne(syntax, limit, depth, context, undefinedItem))
            {
                return;
            }
        }
    }

    /// <summary>Reads one element (or sequence, or fragments). False at an item delimitation or the stop tag.</summary>
    private bool ReadOne(DicomSyntax syntax, long limit, int depth, ItemContext context, bool undefinedItem = false)
    {
        long offset = _input.Position;
        _input.CurrentTag = null;
        var tag = new DicomTag(_input.ReadUInt16(syntax.BigEndian), _input.ReadUInt16(syntax.BigEndian));
        _input.CurrentTag = tag;

        if (tag == DicomTag.ItemDelimitationItem)
        {
            _input.ReadUInt32(syntax.BigEndian);
            return undefinedItem ? false : throw _input.Error("item delimitation outside an item of undefined length");
        }
        if (tag == DicomTag.Item || tag == DicomTag.SequenceDelimitationItem)
        {
            throw _input.Error(tag == DicomTag.Item ? "item outside a sequence" : "sequence delimitation outside a sequence");
        }
        if (depth == 0 && _options.StopBeforeTag is { } stop && tag >= stop)
        {
            Stopped = true;
            return false;
        }
        CountOne();

        var (vr, length) = ReadVRAndLength(syntax, tag, context);
        long room = Math.Min(limit - _input.Position, _input.Remaining);

        if (length == UndefinedLength)
        {
            if (vr == DicomVR.SQ || (!syntax.ExplicitVR && vr == DicomVR.UN))
            {
                ReadSequence(syntax, tag, -1, limit, depth, offset);
            }
            else if (vr == DicomVR.UN)
            {
                // CP-246: an explicit UN of undefined length holds an implicit VR LE sequence.
                ReadSequence(DicomSyntax.ImplicitLittle, tag, -1, limit, depth, offset);
            }
            else if (vr == DicomVR.OB || vr == DicomVR.OW)
            {
                ReadFragments(syntax, tag, vr, limit, offset);
            }
            else if (!syntax.ExplicitVR)
            {
                ReadSequence(syntax, tag, -1, limit, depth, offset);
            }
            else
            {
                throw _input.ErrorAt(offset, $"undefined length is not allowed for VR {vr.Code}");
            }
            return true;
        }

        if (length > room)
        {
            throw _input.ErrorAt(offset, $"value length {length} exceeds the {room} bytes left in its {(limit == long.MaxValue ? "input" : "item")}{_input.BoundNote}");
        }
        if (length > _options.MaxValueLength)
        {
            throw _input.ErrorAt(offset, $"value length {length} exceeds the limit of {_options.MaxValueLength} bytes");
        }
        if (vr == DicomVR.SQ)
        {
            if (_options.SkipSequences)
            {
                _input.Skip(length);
                return true;
            }
            ReadSequence(syntax, tag, length, limit, depth, offset);
            return true;
        }

        if (_skipping || (length > _options.SkipValuesLongerThan && !tag.IsPrivateCreator))
        {
            _input.Skip(length);
            return true;
        }
        var value = _input.ReadBytes(length);
        if (syntax.BigEndian && vr.SwapUnit > 1)
        {
            DicomValueCodec.SwapBytes(value, vr.SwapUnit);
        }
        if (tag.IsPrivateCreator)
        {
            context.PrivateCreators ??= [];
            context.PrivateCreators[tag.Value] = System.Text.Encoding.Latin1.GetString(value).Trim(' ', '\0');
        }
        else if (tag.Group == 0x0028 && tag.Element == 0x0103 && value.Length >= 2)
        {
            context.SignedPixels = value[0] == 1;
        }
        _observer.OnElement(tag, vr, value, _input.OffsetBase + offset);
        return true;
    }

    private (DicomVR Vr, uint Length) ReadVRAndLength(DicomSyntax syntax, DicomTag tag, ItemContext context)
    {
        if (!syntax.ExplicitVR)
        {
            return (ImplicitVR(tag, context), _input.ReadUInt32(syntax.BigEndian));
        }
        var code = _input.Take(2);
        byte a = code[0], b = code[1];
        if (DicomVR.TryGet(a, b, out var vr))
        {
            if (vr.UsesLongLength)
            {
                _input.Take(2);
                return (vr, _input.ReadUInt32(syntax.BigEndian));
            }
            return (vr, _input.ReadUInt16(syntax.BigEndian));
        }
        if (a is >= (byte)'A' and <= (byte)'Z' && b is >= (byte)'A' and <= (byte)'Z')
        {
            // A VR newer than this toolkit: PS3.5 §6.2 gives every new VR a 32-bit length. Keep the bytes as UN.
            _input.Take(2);
            return (DicomVR.UN, _input.ReadUInt32(syntax.BigEndian));
        }
        throw _input.Error($"invalid VR bytes 0x{a:X2}{b:X2} in an explicit VR data set");
    }

    private static DicomVR ImplicitVR(DicomTag tag, ItemContext context)
    {
        if (tag.Element == 0x0000)
        {
            return DicomVR.UL;
        }
        if (tag.IsPrivate)
        {
            if (tag.IsPrivateCreator)
            {
                return DicomVR.LO;
            }
            string? creator = null;
            context.PrivateCreators?.TryGetValue(tag.PrivateCreatorTag.Value, out creator);
            return DicomDictionary.Find(tag, creator)?.VR ?? DicomVR.UN;
        }
        var entry = DicomDictionary.Find(tag);
        if (entry is null)
        {
            return DicomVR.UN;
        }
        var allowed = entry.AllowedVRs;
        if (allowed.Count > 1 && context.SignedPixels && allowed.Contains(DicomVR.SS))
        {
            return DicomVR.SS;
        }
        return allowed[0];
    }

    private void CountOne()
    {
        if (++_count > _options.MaxElements)
        {
            throw _input.Error($"more than {_options.MaxElements} elements and items");
        }
    }

    private void ReadSequence(DicomSyntax syntax, DicomTag tag, long length, long limit, int depth, long offset)
    {
        if (_options.SkipSequences && !_skipping)
        {
            // Walked to find its end (undefined lengths), nothing kept.
            var observer = _observer;
            (_observer, _skipping) = (NullObserver.Instance, true);
            try
            {
                ReadSequence(syntax, tag, length, limit, depth, offset);
            }
            finally
            {
                (_observer, _skipping) = (observer, false);
            }
            return;
        }
        if (depth + 1 > _options.MaxDepth)
        {
            throw _input.Error($"sequences nested deeper than {_options.MaxDepth}");
        }
        _observer.OnBeginSequence(tag, _input.OffsetBase + offset);
        long end = length < 0 ? -1 : _input.Position + length;
        long innerLimit = end < 0 ? limit : end;
        while (true)
        {
            if (end >= 0 && _input.Position >= end)
            {
                break;
            }
            if (end < 0 && (_input.Position >= limit || _input.AtEnd))
            {
                throw _input.Error("sequence delimitation missing");
            }
            long itemOffset = _input.Position;
            _input.CurrentTag = tag;
            var itemTag = new DicomTag(_input.ReadUInt16(syntax.BigEndian), _input.ReadUInt16(syntax.BigEndian));
            uint itemLength = _input.ReadUInt32(syntax.BigEndian);
            if (itemTag == DicomTag.SequenceDelimitationItem)
            {
                if (end < 0)
                {
                    break;
                }
                throw _input.Error("sequence delimitation in a sequence of defined length");
            }
            if (itemTag != DicomTag.Item)
            {
                throw _input.Error($"expected an item (fffe,e000) in the sequence, found {itemTag}");
            }
            CountOne();
            _observer.OnBeginItem(_input.OffsetBase + itemOffset);
            if (itemLength == UndefinedLength)
            {
                ReadItemContent(syntax, -1, undefinedItem: true, innerLimit, depth + 1);
            }
            else
            {
                if (itemLength > innerLimit - _input.Position || itemLength > _input.Remaining)
                {
                    throw _input.ErrorAt(itemOffset, $"item length {itemLength} runs past the end of its sequence");
                }
                long itemEnd = _input.Position + itemLength;
                ReadItemContent(syntax, itemEnd, undefinedItem: false, itemEnd, depth + 1);
            }
            _observer.OnEndItem();
            _input.CurrentTag = tag;
        }
        _observer.OnEndSequence();
    }

    private void ReadFragments(DicomSyntax syntax, DicomTag tag, DicomVR vr, long limit, long offset)
    {
        _observer.OnBeginFragments(tag, vr, _input.OffsetBase + offset);
        while (true)
        {
            if (_input.Position >= limit || _input.AtEnd)
            {
                throw _input.Error("pixel data fragments have no sequence delimitation");
            }
            long itemOffset = _input.Position;
            var itemTag = new DicomTag(_input.ReadUInt16(syntax.BigEndian), _input.ReadUInt16(syntax.BigEndian));
            uint length = _input.ReadUInt32(syntax.BigEndian);
            if (itemTag == DicomTag.SequenceDelimitationItem)
            {
                break;
            }
            if (itemTag != DicomTag.Item || length == UndefinedLength)
            {
                throw _input.Error($"expected a fragment item of defined length, found {itemTag}");
            }
            if (length > limit - _input.Position)
            {
                throw _input.Error($"fragment length {length} runs past the end of its item");
            }
            if (length > _options.MaxValueLength)
            {
                throw _input.ErrorAt(itemOffset, $"fragment length {length} exceeds the limit of {_options.MaxValueLength} bytes");
            }
            CountOne();
            if (_skipping)
            {
                _input.Skip(length);
                continue;
            }
            _observer.OnFragment(_input.ReadBytes(length), _input.OffsetBase + itemOffset);
        }
        _observer.OnEndFragments();
    }

    /// <summary>Receives the events of a skipped sequence and keeps nothing.</summary>
    private sealed class NullObserver : IDicomReaderObserver
    {
        public static readonly NullObserver Instance = new();

        public void OnElement(DicomTag tag, DicomVR vr, ReadOnlyMemory<byte> value, long offset) { }
        public void OnBeginSequence(DicomTag tag, long offset) { }
        public void OnBeginItem(long offset) { }
        public void OnEndItem() { }
        public void OnEndSequence() { }
        public void OnBeginFragments(DicomTag tag, DicomVR vr, long offset) { }
        public void OnFragment(ReadOnlyMemory<byte> fragment, long offset) { }
        public void OnEndFragments() { }
    }
}
