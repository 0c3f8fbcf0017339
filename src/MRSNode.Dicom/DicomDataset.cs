using System.Collections;
using System.Globalization;
using System.Numerics;
using System.Text;

namespace MRSNode.Dicom;

/// <summary>
/// A DICOM data set (or sequence item): items in ascending tag order, with typed accessors that
/// decode through the data set's Specific Character Set and setters that validate values.
/// </summary>
public sealed class DicomDataset : IEnumerable<DicomItem>
{
    private readonly SortedList<DicomTag, DicomItem> _items = [];
    private DicomCharacterSet? _charset;

    public DicomDataset() { }

    public DicomDataset(IEnumerable<DicomItem> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        foreach (var item in items)
        {
            AddOrUpdate(item);
        }
    }

    /// <summary>
    /// A new, empty item that encodes text in this data set's Specific Character Set, for building nested
    /// sequences before they are attached (adding it to a sequence here sets the same parent).
    /// </summary>
    public DicomDataset NewItem() => new() { Parent = this };

    /// <summary>The data set whose sequence holds this item, or null at the top level.</summary>
    public DicomDataset? Parent { get; internal set; }

    public int Count => _items.Count;

    /// <summary>Specific Character Set of this data set, inherited from the parent when not set here.</summary>
    /// <remarks>
    /// Only this data set's own (0008,0005) is cached: an inherited set is looked up each time, so an item
    /// built before it was put into a sequence, or whose parent's character set changes, follows its parent.
    /// </remarks>
    public DicomCharacterSet CharacterSet =>
        _charset ?? (_items.TryGetValue(DicomTags.SpecificCharacterSet, out var cs) && cs is DicomElement e
            ? _charset = DicomCharacterSet.FromTerms(DicomValueCodec.DecodeStrings(DicomVR.CS, e.Value.Span, DicomCharacterSet.Default))
            : Parent?.CharacterSet ?? DicomCharacterSet.Default);

    public bool Contains(DicomTag tag) => _items.ContainsKey(tag);

    public DicomItem? this[DicomTag tag] => _items.GetValueOrDefault(tag);

    public bool TryGetItem(DicomTag tag, out DicomItem item) => _items.TryGetValue(tag, out item!);

    public DicomElement? GetElement(DicomTag tag) => _items.GetValueOrDefault(tag) as DicomElement;

    public DicomSequence? GetSequence(DicomTag tag) => _items.GetValueOrDefault(tag) as DicomSequence;

    /// <summary>Adds an item; an item with the same tag is replaced.</summary>
    public DicomDataset AddOrUpdate(DicomItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (item is DicomSequence sq)
        {
            sq.Owner = this;
        }
        _items[item.Tag] = item;
        if (item.Tag == DicomTags.SpecificCharacterSet)
        {
            _charset = null;
        }
        return this;
    }

    /// <summary>Adds an item unless one with the same tag exists (the first occurrence wins, as in dcmtk).</summary>
    internal bool TryAdd(DicomItem item)
    {
        if (_items.ContainsKey(item.Tag))
        {
            return false;
        }
        AddOrUpdate(item);
        return true;
    }

    public bool Remove(DicomTag tag)
    {
        if (tag == DicomTags.SpecificCharacterSet)
        {
            _charset = null;
        }
        return _items.Remove(tag);
    }

    public IEnumerator<DicomItem> GetEnumerator() => _items.Values.GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    // ---- Getters ----------------------------------------------------------------------------

    /// <summary>The whole text value (all values with their backslashes), trailing padding removed; null if absent.</summary>
    public string? GetString(DicomTag tag) =>
        GetElement(tag) is { } e ? TextVR(e) is { } vr ? DicomValueCodec.DecodeText(vr, e.Value.Span, CharacterSet) : FormatBinary(e) : null;

    /// <summary>The individual values of a text element; empty if absent or empty.</summary>
    public string[] GetStrings(DicomTag tag) =>
        GetElement(tag) is { } e && TextVR(e) is { } vr ? DicomValueCodec.DecodeStrings(vr, e.Value.Span, CharacterSet) : [];

    /// <summary>
    /// The text VR to decode <paramref name="e"/> with: its own, or for a UN element of a tag the dictionary knows as
    /// text (a SOP Class UID relayed by a system that lost the VR), the dictionary's (PS3.5 §6.2.2: UN keeps the
    /// implicit little-endian value bytes). Null for binary values.
    /// </summary>
    private static DicomVR? TextVR(DicomElement e) =>
        e.VR.IsText ? e.VR
        : e.VR == DicomVR.UN && DicomDictionary.Find(e.Tag)?.VR is { IsText: true } known ? known
        : null;

    /// <summary>Value <paramref name="index"/> of a text element as a string; null if absent.</summary>
    public string? GetString(DicomTag tag, int index)
    {
        var values = GetStrings(tag);
        return index < values.Length ? values[index] : null;
    }

    /// <summary>
    /// Numeric values of a binary (US, SS, UL, SL, FL, FD, OF, OD, ...) or numeric text (DS, IS) element,
    /// converted to T. Empty if absent.
    /// </summary>
    public T[] GetValues<T>(DicomTag tag) where T : INumber<T>
    {
        if (GetElement(tag) is not { } e)
        {
            return [];
        }
        var span = e.Value.Span;
        return e.VR.Code switch
        {
            "US" or "OW" => Convert<ushort, T>(DicomValueCodec.DecodeBinary<ushort>(span)),
            "SS" => Convert<short, T>(DicomValueCodec.DecodeBinary<short>(span)),
            "UL" or "OL" => Convert<uint, T>(DicomValueCodec.DecodeBinary<uint>(span)),
            "SL" => Convert<int, T>(DicomValueCodec.DecodeBinary<int>(span)),
            "FL" or "OF" => Convert<float, T>(DicomValueCodec.DecodeBinary<float>(span)),
            "FD" or "OD" => Convert<double, T>(DicomValueCodec.DecodeBinary<double>(span)),
            "SV" => Convert<long, T>(DicomValueCodec.DecodeBinary<long>(span)),
            "UV" or "OV" => Convert<ulong, T>(DicomValueCodec.DecodeBinary<ulong>(span)),
            "OB" or "UN" => Convert<byte, T>(span.ToArray()),
            "DS" => GetStrings(tag).Where(s => s.Length > 0).Select(s => T.CreateChecked(DicomValueCodec.ParseDecimal(s, tag))).ToArray(),
            "IS" => GetStrings(tag).Where(s => s.Length > 0).Select(s => T.CreateChecked(DicomValueCodec.ParseInteger(s, tag))).ToArray(),
            _ => throw new InvalidOperationException($"{tag} has VR {e.VR.Code}, which holds no numbers."),
        };
    }

    /// <summary>Value <paramref name="index"/> as T; throws if absent, so required attributes fail loudly.</summary>
    public T GetValue<T>(DicomTag tag, int index = 0) where T : INumber<T>
    {
        var values = GetValues<T>(tag);
        return index < values.Length
            ? values[index]
            : throw new KeyNotFoundException($"{tag} {DicomDictionary.Find(tag)?.Keyword} has no value {index}.");
    }

    public bool TryGetValue<T>(DicomTag tag, int index, out T value) where T : INumber<T>
    {
        var values = Contains(tag) ? GetValues<T>(tag) : [];
        value = index < values.Length ? values[index] : T.Zero;
        return index < values.Length;
    }

    /// <summary>OF/FL data as float32.</summary>
    public float[] GetFloats(DicomTag tag) => GetValues<float>(tag);

    /// <summary>OD/FD data as float64.</summary>
    public double[] GetDoubles(DicomTag tag) => GetValues<double>(tag);

    /// <summary>Interleaved (re, im) float data, e.g. Spectroscopy Data (5600,0020) with Data Representation COMPLEX.</summary>
    public Complex[] GetComplexFloats(DicomTag tag)
    {
        var f = GetFloats(tag);
        var c = new Complex[f.Length / 2];
        for (int i = 0; i < c.Length; i++)
        {
            c[i] = new Complex(f[2 * i], f[2 * i + 1]);
        }
        return c;
    }

    public DicomTag[] GetTags(DicomTag tag) =>
        GetElement(tag) is { } e && e.VR == DicomVR.AT ? DicomValueCodec.DecodeTags(e.Value.Span) : [];

    public ReadOnlyMemory<byte> GetBytes(DicomTag tag) => GetElement(tag)?.Value ?? ReadOnlyMemory<byte>.Empty;

    public DateOnly? GetDate(DicomTag tag) =>
        GetString(tag, 0) is { Length: >= 8 } s && DateOnly.TryParseExact(s[..8], "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    /// <summary>A TM value (HH, HHMM, HHMMSS, HHMMSS.F...; the old HH:MM:SS form too).</summary>
    public TimeOnly? GetTime(DicomTag tag)
    {
        var s = GetString(tag, 0)?.Replace(":", "", StringComparison.Ordinal);
        if (string.IsNullOrEmpty(s) || s.Length < 2 || !s[..Math.Min(6, s.Length)].All(char.IsAsciiDigit))
        {
            return null;
        }
        int h = int.Parse(s[..2], CultureInfo.InvariantCulture);
        int m = s.Length >= 4 ? int.Parse(s[2..4], CultureInfo.InvariantCulture) : 0;
        int sec = s.Length >= 6 ? int.Parse(s[4..6], CultureInfo.InvariantCulture) : 0;
        double frac = s.Length > 7 && s[6] == '.' && double.TryParse("0" + s[6..], NumberStyles.Float, CultureInfo.InvariantCulture, out var f) ? f : 0;
        if (h > 23 || m > 59 || sec > 60)
        {
            return null;
        }
        return new TimeOnly(h, m, Math.Min(sec, 59)).Add(TimeSpan.FromTicks((long)(frac * TimeSpan.TicksPerSecond)));
    }

    public DicomPersonName? GetPersonName(DicomTag tag) =>
        GetString(tag, 0) is { } s ? DicomPersonName.Parse(s) : null;

    public string? GetPrivateCreator(DicomTag tag) =>
        tag.IsPrivate && tag.Element >= 0x1000 ? GetString(tag.PrivateCreatorTag) : null;

    // ---- Private blocks ----------------------------------------------------------------------

    /// <summary>
    /// The tag of private element <paramref name="offset"/> in the block that <paramref name="creator"/>
    /// reserved in <paramref name="group"/>, or null if the creator has no block here. The block is
    /// looked up, never assumed (PS3.5 §7.8.1).
    /// </summary>
    public DicomTag? FindPrivateTag(ushort group, string creator, byte offset)
    {
        ArgumentNullException.ThrowIfNull(creator);
        for (ushort block = 0x10; block <= 0xFF; block++)
        {
            if (GetString(new DicomTag(group, block)) is { } c && c.Trim() == creator)
            {
                return new DicomTag(group, (ushort)((block << 8) | offset));
            }
        }
        return null;
    }

    /// <summary>Finds the creator's block in the group or reserves the first free one, then returns the element's tag.</summary>
    public DicomTag ReservePrivateTag(ushort group, string creator, byte offset)
    {
        ArgumentNullException.ThrowIfNull(creator);
        if ((group & 1) == 0 || group <= 0x0008)
        {
            throw new ArgumentOutOfRangeException(nameof(group), "Private groups are odd and above 0008.");
        }
        if (FindPrivateTag(group, creator, offset) is { } existing)
        {
            return existing;
        }
        for (ushort block = 0x10; block <= 0xFF; block++)
        {
            var creatorTag = new DicomTag(group, block);
            if (!Contains(creatorTag))
            {
                AddOrUpdate(creatorTag, DicomVR.LO, creator);
                return new DicomTag(group, (ushort)((block << 8) | offset));
            }
        }
        throw new InvalidOperationException($"No free private block in group {group:X4}.");
    }

    // ---- Setters (validated) ------------------------------------------------------------------

    /// <summary>Sets a text element with the dictionary's VR.</summary>
    public DicomDataset AddOrUpdate(DicomTag tag, params string[] values) => AddOrUpdate(tag, DictionaryVR(tag), values);

    /// <summary>Sets a text element; values are validated against the VR and encoded in this data set's character set.</summary>
    public DicomDataset AddOrUpdate(DicomTag tag, DicomVR vr, params string[] values)
    {
        ArgumentNullException.ThrowIfNull(vr);
        ArgumentNullException.ThrowIfNull(values);
        var charset = tag == DicomTags.SpecificCharacterSet ? DicomCharacterSet.Default : CharacterSet;
        DicomValueValidator.Validate(tag, vr, values, charset);
        return AddOrUpdate(new DicomElement(tag, vr, DicomValueCodec.EncodeStrings(vr, values, charset)));
    }

    /// <summary>Sets a DS element from numbers, formatted in at most 16 characters.</summary>
    public DicomDataset AddOrUpdateDecimal(DicomTag tag, params double[] values) =>
        AddOrUpdate(tag, DicomVR.DS, values.Select(FormatDecimalString).ToArray());

    /// <summary>Sets an IS element.</summary>
    public DicomDataset AddOrUpdateInteger(DicomTag tag, params int[] values) =>
        AddOrUpdate(tag, DicomVR.IS, values.Select(v => v.ToString(CultureInfo.InvariantCulture)).ToArray());

    /// <summary>Sets a binary element (US, SS, UL, SL, FL, FD, SV, UV, OB, OW, OF, OD, OL, OV) from values of the matching C# type.</summary>
    public DicomDataset AddOrUpdate<T>(DicomTag tag, DicomVR vr, params T[] values) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(vr);
        ArgumentNullException.ThrowIfNull(values);
        var expected = vr.Code switch
        {
            "US" or "OW" => typeof(ushort), "SS" => typeof(short), "UL" or "OL" => typeof(uint), "SL" => typeof(int),
            "FL" or "OF" => typeof(float), "FD" or "OD" => typeof(double), "SV" => typeof(long), "UV" or "OV" => typeof(ulong),
            "OB" or "UN" => typeof(byte),
            _ => throw new DicomValueException(tag, vr, "is not a binary VR; use the string overload"),
        };
        if (typeof(T) != expected)
        {
            throw new DicomValueException(tag, vr, $"takes {expected.Name} values, not {typeof(T).Name}");
        }
        return AddOrUpdate(new DicomElement(tag, vr, DicomValueCodec.EncodeBinary<T>(values)));
    }

    public DicomDataset AddOrUpdate(DicomTag tag, DateOnly date) =>
        AddOrUpdate(tag, DicomVR.DA, date.ToString("yyyyMMdd", CultureInfo.InvariantCulture));

    public DicomDataset AddOrUpdate(DicomTag tag, TimeOnly time) =>
        AddOrUpdate(tag, DicomVR.TM, time.ToString("HHmmss.ffffff", CultureInfo.InvariantCulture));

    public DicomDataset AddOrUpdate(DicomTag tag, DicomPersonName name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return AddOrUpdate(tag, DicomVR.PN, name.ToString());
    }

    public DicomDataset AddOrUpdateTags(DicomTag tag, params DicomTag[] values) =>
        AddOrUpdate(new DicomElement(tag, DicomVR.AT, DicomValueCodec.EncodeTags(values)));

    /// <summary>Sets a sequence from its items.</summary>
    public DicomDataset AddOrUpdate(DicomTag tag, params DicomDataset[] items) => AddOrUpdate(new DicomSequence(tag, items));

    /// <summary>A DS value in at most 16 characters, as precise as fits (PS3.5 Table 6.2-1).</summary>
    public static string FormatDecimalString(double value)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), "DS cannot hold NaN or infinity.");
        }
        for (int digits = 16; digits > 0; digits--)
        {
            var s = value.ToString("G" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
            // Rounding up near double.MaxValue can give text that reads back as infinity: take fewer digits.
            if (s.Length <= 16 && double.IsFinite(double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture)))
            {
                return s;
            }
        }
        return value.ToString("E8", CultureInfo.InvariantCulture);
    }

    private static DicomVR DictionaryVR(DicomTag tag) =>
        DicomDictionary.Find(tag)?.VR ?? throw new DicomValueException(tag, DicomVR.UN, "is not in the dictionary; give its VR");

    private static TOut[] Convert<TIn, TOut>(TIn[] values) where TIn : INumber<TIn> where TOut : INumber<TOut>
    {
        if (values is TOut[] same)
        {
            return same;
        }
        var result = new TOut[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            result[i] = TOut.CreateChecked(values[i]);
        }
        return result;
    }

    private static string FormatBinary(DicomElement e)
    {
        var sb = new StringBuilder();
        DicomValueFormatter.AppendValue(sb, e, DicomCharacterSet.Default, int.MaxValue);
        return sb.ToString();
    }
}
