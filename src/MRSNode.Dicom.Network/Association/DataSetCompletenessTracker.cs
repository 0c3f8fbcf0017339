using System.Buffers.Binary;

namespace MRSNode.Dicom.Network.Association;

/// <summary>
/// Walks a data set's element headers as its bytes stream past (values are skipped, never buffered) to tell whether
/// it ended where an element ends with every undefined-length sequence, item and fragment list closed. A peer that
/// flags the last fragment before the object is whole is then refused instead of acknowledged with 0000.
/// Knows the uncompressed transfer syntaxes and the encapsulated ones (explicit VR little endian); for a deflated or
/// unknown one <see cref="For"/> returns null (the check is skipped).
/// </summary>
internal sealed class DataSetCompletenessTracker
{
    private const uint UndefinedLength = 0xFFFFFFFF;
    private const uint ItemTag = 0xFFFEE000;
    private const uint ItemDelimiterTag = 0xFFFEE00D;
    private const uint SequenceDelimiterTag = 0xFFFEE0DD;

    private enum Context
    {
        Sequence,
        Item,
        Fragments,
    }

    private readonly bool _bigEndian;
    private readonly bool _explicitVr;
    private readonly Stack<(Context Kind, bool Implicit)> _open = new();
    private readonly byte[] _header = new byte[12];
    private int _headerFilled;
    private long _valueLeft;
    private string? _error;

    private DataSetCompletenessTracker(bool explicitVr, bool bigEndian)
    {
        _explicitVr = explicitVr;
        _bigEndian = bigEndian;
    }

    /// <summary>A tracker for the transfer syntax, or null when its encoding cannot be walked as received (deflated, unknown).</summary>
    public static DataSetCompletenessTracker? For(string transferSyntaxUid) => transferSyntaxUid switch
    {
        DicomUids.ImplicitVRLittleEndian => new(explicitVr: false, bigEndian: false),
        DicomUids.ExplicitVRLittleEndian => new(explicitVr: true, bigEndian: false),
        DicomUids.ExplicitVRBigEndian => new(explicitVr: true, bigEndian: true),
        DicomUids.DeflatedExplicitVRLittleEndian => null,
        _ when DicomTransferSyntax.IsStandardEncapsulated(transferSyntaxUid) => new(explicitVr: true, bigEndian: false),
        _ => null,
    };

    /// <summary>Null when the bytes so far end exactly after a complete element at the top level; else what is missing.</summary>
    public string? Incomplete =>
        _error ?? (_valueLeft > 0 ? $"data set ends {_valueLeft} byte(s) short of its last element's value"
            : _headerFilled > 0 ? "data set ends inside an element header"
            : _open.Count > 0 ? $"data set ends inside {_open.Count} open sequence(s) or item(s)"
            : null);

    public void Add(ReadOnlySpan<byte> data)
    {
        while (!data.IsEmpty && _error is null)
        {
            if (_valueLeft > 0)
            {
                int skip = (int)Math.Min(_valueLeft, data.Length);
                _valueLeft -= skip;
                data = data[skip..];
                continue;
            }
            int need = HeaderLength();
            int take = Math.Min(need - _headerFilled, data.Length);
            data[..take].CopyTo(_header.AsSpan(_headerFilled));
            _headerFilled += take;
            data = data[take..];
            if (_headerFilled == need && HeaderLength() == need)
            {
                _headerFilled = 0;
                OnHeader(need);
            }
        }
    }

    private bool Implicit => _open.TryPeek(out var top) ? top.Implicit : !_explicitVr;

    /// <summary>Bytes of the header being read: 8 until the tag and VR are known, then 8 or 12.</summary>
    private int HeaderLength()
    {
        if (_headerFilled < 6 || Implicit || IsItemOrDelimiter(Tag()))
        {
            return 8;
        }
        return IsLongFormVr(_header[4], _header[5]) ? 12 : 8;
    }

    private uint Tag()
    {
        var span = _header.AsSpan();
        uint group = _bigEndian && !IsItemGroup(span) ? BinaryPrimitives.ReadUInt16BigEndian(span) : BinaryPrimitives.ReadUInt16LittleEndian(span);
        uint element = _bigEndian && !IsItemGroup(span) ? BinaryPrimitives.ReadUInt16BigEndian(span[2..]) : BinaryPrimitives.ReadUInt16LittleEndian(span[2..]);
        return group << 16 | element;
    }

    // Item and delimiter tags are written little endian even in big endian syntax by some peers; accept both spellings.
    private bool IsItemGroup(ReadOnlySpan<byte> span) => _bigEndian && span[0] == 0xFE && span[1] == 0xFF;

    private uint Length(int at, int size) => size == 2
        ? (_bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(_header.AsSpan(at)) : BinaryPrimitives.ReadUInt16LittleEndian(_header.AsSpan(at)))
        : (_bigEndian && !IsItemGroup(_header) ? BinaryPrimitives.ReadUInt32BigEndian(_header.AsSpan(at)) : BinaryPrimitives.ReadUInt32LittleEndian(_header.AsSpan(at)));

    private void OnHeader(int headerLength)
    {
        uint tag = Tag();
        bool item = IsItemOrDelimiter(tag);
        uint length = item || Implicit ? Length(4, 4) : headerLength == 12 ? Length(8, 4) : Length(6, 2);
        if (tag == SequenceDelimiterTag)
        {
            Close(Context.Sequence, Context.Fragments);
            return;
        }
        if (tag == ItemDelimiterTag)
        {
            Close(Context.Item);
            return;
        }
        if (length != UndefinedLength)
        {
            _valueLeft = length; // an element, a defined-length item or a fragment: its bytes are skipped whole
            return;
        }
        if (tag == ItemTag)
        {
            if (_open.TryPeek(out var top) && top.Kind == Context.Sequence)
            {
                _open.Push((Context.Item, top.Implicit));
                return;
            }
            _error = "undefined-length item outside a sequence";
            return;
        }
        bool explicitVr = !Implicit;
        if (explicitVr && (_header[4], _header[5]) is ((byte)'O', (byte)'B') or ((byte)'O', (byte)'W'))
        {
            _open.Push((Context.Fragments, false)); // encapsulated pixel data
        }
        else
        {
            // SQ; or UN of undefined length, which holds implicit VR little endian (PS3.5 §6.2.2)
            bool un = explicitVr && _header[4] == (byte)'U' && _header[5] == (byte)'N';
            _open.Push((Context.Sequence, Implicit || un));
        }
    }

    private void Close(params Context[] kinds)
    {
        if (_open.TryPeek(out var top) && kinds.Contains(top.Kind))
        {
            _open.Pop();
        }
        else
        {
            _error = "a delimiter that closes nothing open";
        }
    }

    private static bool IsItemOrDelimiter(uint tag) => tag is ItemTag or ItemDelimiterTag or SequenceDelimiterTag;

    private static bool IsLongFormVr(byte a, byte b) => (char)a switch
    {
        'O' => b is (byte)'B' or (byte)'D' or (byte)'F' or (byte)'L' or (byte)'V' or (byte)'W',
        'S' => b is (byte)'Q' or (byte)'V',
        'U' => b is (byte)'C' or (byte)'N' or (byte)'R' or (byte)'T' or (byte)'V',
        _ => false,
    };
}
