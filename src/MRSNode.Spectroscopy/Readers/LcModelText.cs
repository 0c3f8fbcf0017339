namespace MRSNode.Spectroscopy.Readers;

/// <summary>One Fortran namelist ("$NAME key = value, ... $END", "&amp;NAME ... &amp;END" or either ended by "/") from an LCModel file.</summary>
internal sealed class Namelist
{
    public Namelist(string name, Dictionary<string, string> values, int end)
    {
        Name = name;
        Values = values;
        End = end;
    }

    public string Name { get; }
    /// <summary>Raw value text by key (case-insensitive), trailing comma removed.</summary>
    public Dictionary<string, string> Values { get; }
    /// <summary>Index in the text just after the terminator.</summary>
    public int End { get; }

    /// <summary>A string value without its quotes ('' → ').</summary>
    public string? GetString(string key)
    {
        if (!Values.TryGetValue(key, out var raw))
        {
            return null;
        }
        raw = raw.Trim();
        if (raw.Length >= 2 && (raw[0] == '\'' || raw[0] == '"'))
        {
            char q = raw[0];
            int last = raw.LastIndexOf(q);
            if (last > 0)
            {
                return raw[1..last].Replace(new string(q, 2), q.ToString(), StringComparison.Ordinal);
            }
        }
        return raw;
    }

    public double? GetNumber(string path, string key)
    {
        if (!Values.TryGetValue(key, out var raw) || string.IsNullOrWhiteSpace(raw))
        {
            return null;
        }
        var first = raw.Trim().Split([' ', '\t', '\r', '\n', ','], StringSplitOptions.RemoveEmptyEntries)[0];
        if (!TextValues.TryParseDouble(first, out var v))
        {
            throw new MrsReadException(path, $"${Name} {key} = '{TextValues.Shorten(raw)}' is not a number.");
        }
        return v;
    }
}

/// <summary>Reads Fortran namelists and fixed-format numbers as LCModel writes them.</summary>
internal static class LcModelText
{
    private const int MaxNamelistChars = 1024 * 1024;

    /// <summary>Index of the next non-blank character at or after <paramref name="start"/> (text.Length if none).</summary>
    public static int SkipBlank(string text, int start)
    {
        int i = start;
        while (i < text.Length && char.IsWhiteSpace(text[i]))
        {
            i++;
        }
        return i;
    }

    /// <summary>True when the next non-blank character starts a namelist ('$' or '&amp;' then a letter).</summary>
    public static bool AtNamelist(string text, int start)
    {
        int i = SkipBlank(text, start);
        return i + 1 < text.Length && (text[i] == '$' || text[i] == '&') && char.IsAsciiLetter(text[i + 1]);
    }

    /// <summary>Parses the namelist whose '$'/'&amp;' is the next non-blank character.</summary>
    public static Namelist ParseNamelist(string path, string text, int start)
    {
        int i = SkipBlank(text, start);
        if (!AtNamelist(text, i))
        {
            throw new MrsReadException(path, "expected a '$NAME' namelist.");
        }
        int nameStart = ++i;
        while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] == '_'))
        {
            i++;
        }
        var name = text[nameStart..i].ToUpperInvariant();
        if (name == "END")
        {
            throw new MrsReadException(path, "a '$END' without its namelist.");
        }
        int bodyStart = i;
        char quote = '\0';
        int bodyEnd = -1, end = -1;
        for (; i < text.Length; i++)
        {
            if (i - bodyStart > MaxNamelistChars)
            {
                throw new MrsReadException(path, $"namelist ${name} is not closed within {MaxNamelistChars / 1024} KiB.");
            }
            char c = text[i];
            if (quote != '\0')
            {
                if (c == quote)
                {
                    quote = '\0';
                }
                continue;
            }
            if (c is '\'' or '"')
            {
                quote = c;
            }
            else if ((c is '$' or '&') && i + 3 < text.Length && string.Compare(text, i + 1, "END", 0, 3, StringComparison.OrdinalIgnoreCase) == 0)
            {
                bodyEnd = i;
                end = i + 4;
                break;
            }
            else if (c == '/')
            {
                bodyEnd = i;
                end = i + 1;
                break;
            }
        }
        if (bodyEnd < 0)
        {
            throw new MrsReadException(path, $"namelist ${name} is not closed by $END (truncated header?).");
        }
        return new Namelist(name, ParseAssignments(text[bodyStart..bodyEnd]), end);
    }

    private static Dictionary<string, string> ParseAssignments(string body)
    {
        var keys = new List<(string Key, int KeyStart, int ValueStart)>();
        char quote = '\0';
        for (int i = 0; i < body.Length; i++)
        {
            char c = body[i];
            if (quote != '\0')
            {
                if (c == quote)
                {
                    quote = '\0';
                }
                continue;
            }
            if (c is '\'' or '"')
            {
                quote = c;
                continue;
            }
            if (!(char.IsAsciiLetter(c) || c == '_') || (i > 0 && !(char.IsWhiteSpace(body[i - 1]) || body[i - 1] == ',')))
            {
                continue;
            }
            int j = i;
            while (j < body.Length && (char.IsAsciiLetterOrDigit(body[j]) || body[j] == '_'))
            {
                j++;
            }
            int keyEnd = j;
            if (j < body.Length && body[j] == '(')
            {
                int close = body.IndexOf(')', j);
                if (close < 0)
                {
                    continue;
                }
                j = close + 1;
            }
            while (j < body.Length && body[j] is ' ' or '\t')
            {
                j++;
            }
            if (j < body.Length && body[j] == '=' && (j + 1 >= body.Length || body[j + 1] != '='))
            {
                keys.Add((body[i..keyEnd], i, j + 1));
                i = j;
            }
            else
            {
                i = keyEnd - 1;
            }
        }
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (int k = 0; k < keys.Count; k++)
        {
            int stop = k + 1 < keys.Count ? keys[k + 1].KeyStart : body.Length;
            var value = body[keys[k].ValueStart..stop].Trim().TrimEnd(',').Trim();
            values.TryAdd(keys[k].Key, value);
        }
        return values;
    }

    /// <summary>
    /// Field widths of one record of a Fortran input format such as "(6E13.5)", "(2E15.6)", "(1P,8E13.5)",
    /// "(2(1X,E14.7))": positive = a number field, negative = characters to skip. Null when not understood.
    /// </summary>
    public static int[]? FieldWidths(string? format)
    {
        if (string.IsNullOrWhiteSpace(format))
        {
            return null;
        }
        var s = format.Trim().ToUpperInvariant().Replace(" ", "", StringComparison.Ordinal);
        if (s.Length < 2 || s[0] != '(' || s[^1] != ')')
        {
            return null;
        }
        int pos = 1;
        var fields = new List<int>();
        if (!ParseGroup(s, ref pos, fields, depth: 0) || pos != s.Length - 1 || fields.Count == 0 || !fields.Any(w => w > 0))
        {
            return null;
        }
        return [.. fields];
    }

    private static bool ParseGroup(string s, ref int pos, List<int> fields, int depth)
    {
        if (depth > 4)
        {
            return false;
        }
        while (pos < s.Length && s[pos] != ')')
        {
            if (s[pos] == ',')
            {
                pos++;
                continue;
            }
            int repeat = ReadInt(s, ref pos) ?? 1;
            if (repeat is < 1 or > 1000 || pos >= s.Length)
            {
                return false;
            }
            char c = s[pos];
            if (c == '(')
            {
                pos++;
                var inner = new List<int>();
                if (!ParseGroup(s, ref pos, inner, depth + 1) || pos >= s.Length || s[pos] != ')')
                {
                    return false;
                }
                pos++;
                for (int r = 0; r < repeat; r++)
                {
                    fields.AddRange(inner);
                }
            }
            else if (c == 'X')
            {
                pos++;
                fields.Add(-repeat);
            }
            else if (c == 'P')
            {
                pos++; // scale factor: no effect on numbers with an exponent
            }
            else if (c is 'E' or 'F' or 'D' or 'G')
            {
                pos++;
                if (pos < s.Length && s[pos] is 'S' or 'N')
                {
                    pos++;
                }
                int? width = ReadInt(s, ref pos);
                if (width is null or < 1 or > 100)
                {
                    return false;
                }
                if (pos < s.Length && s[pos] == '.')
                {
                    pos++;
                    if (ReadInt(s, ref pos) is null)
                    {
                        return false;
                    }
                }
                if (pos < s.Length && s[pos] == 'E' && pos + 1 < s.Length && char.IsAsciiDigit(s[pos + 1]))
                {
                    pos++;
                    ReadInt(s, ref pos);
                }
                for (int r = 0; r < repeat; r++)
                {
                    fields.Add(width.Value);
                }
            }
            else
            {
                return false;
            }
            if (fields.Count > 10_000)
            {
                return false;
            }
        }
        return true;
    }

    private static int? ReadInt(string s, ref int pos)
    {
        int start = pos;
        while (pos < s.Length && char.IsAsciiDigit(s[pos]) && pos - start < 6)
        {
            pos++;
        }
        return pos > start ? int.Parse(s.AsSpan(start, pos - start), System.Globalization.CultureInfo.InvariantCulture) : null;
    }

    /// <summary>Numbers separated by blanks or commas (<paramref name="firstLineNumber"/> is only called for an error message). False (with the line) at the first token that is not a number.</summary>
    public static bool TryReadFree(IReadOnlyList<string> lines, Func<int> firstLineNumber, List<double> values, long limit, out string? error)
    {
        error = null;
        for (int l = 0; l < lines.Count; l++)
        {
            foreach (var token in lines[l].Split([' ', '\t', ','], StringSplitOptions.RemoveEmptyEntries))
            {
                if (!TextValues.TryParseDouble(token, out var v))
                {
                    error = $"line {firstLineNumber() + l}: '{TextValues.Shorten(token)}' is not a number";
                    return false;
                }
                if (values.Count >= limit)
                {
                    error = $"more than {limit} numbers";
                    return false;
                }
                values.Add(v);
            }
        }
        return true;
    }

    /// <summary>Numbers in fixed-width fields (Fortran formatted input: fields may run together).</summary>
    public static bool TryReadFixed(IReadOnlyList<string> lines, Func<int> firstLineNumber, int[] widths, List<double> values, long limit, out string? error)
    {
        error = null;
        for (int l = 0; l < lines.Count; l++)
        {
            var line = lines[l].TrimEnd();
            int pos = 0;
            foreach (int w in widths)
            {
                if (pos >= line.Length)
                {
                    break;
                }
                if (w < 0)
                {
                    pos -= w;
                    continue;
                }
                var field = line.AsSpan(pos, Math.Min(w, line.Length - pos));
                pos += w;
                double v;
                if (field.IsWhiteSpace())
                {
                    v = 0; // Fortran reads a blank field as zero
                }
                else if (!TextValues.TryParseDouble(field, out v))
                {
                    error = $"line {firstLineNumber() + l}: '{TextValues.Shorten(field.ToString())}' is not a number";
                    return false;
                }
                if (values.Count >= limit)
                {
                    error = $"more than {limit} numbers";
                    return false;
                }
                values.Add(v);
            }
            if (pos < line.Length)
            {
                error = $"line {firstLineNumber() + l} is longer than the format's record";
                return false;
            }
        }
        return true;
    }

    /// <summary>The line number (1-based) of a character index.</summary>
    public static int LineOf(string text, int index)
    {
        int line = 1;
        for (int i = 0; i < index && i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                line++;
            }
        }
        return line;
    }
}
