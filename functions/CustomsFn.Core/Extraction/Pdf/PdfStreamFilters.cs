using System.IO.Compression;
using System.Text;

namespace CustomsFn.Core.Extraction.Pdf;

/// <summary>One filter of a stream's chain, as the stream's dictionary names it (abbreviations and <c>#xx</c> escapes resolved).</summary>
internal sealed record PdfFilter(string Name, int EarlyChange)
{
    /// <summary>Whether the guard decodes this filter; the others (DCT, JPX, CCITT, JBIG2, Crypt, unknown) end the chain: image data, not expanded here.</summary>
    public bool Decodable => Name is "FlateDecode" or "LZWDecode" or "RunLengthDecode" or "ASCIIHexDecode" or "ASCII85Decode";

    public Stream Open(Stream input) => Name switch
    {
        "FlateDecode" => new ZLibStream(input, CompressionMode.Decompress),
        "LZWDecode" => new LzwDecodeStream(input, EarlyChange),
        "RunLengthDecode" => new RunLengthDecodeStream(input),
        "ASCIIHexDecode" => new AsciiHexDecodeStream(input),
        "ASCII85Decode" => new Ascii85DecodeStream(input),
        _ => throw new InvalidOperationException("Not a decodable filter: " + Name),
    };

    public static string Describe(IReadOnlyList<PdfFilter> chain) => string.Join(' ', chain.Select(f => "/" + f.Name));
}

/// <summary>
/// Finds a stream's filter chain from its dictionary: the dictionary is parsed back from the <c>stream</c> keyword to its
/// <c>&lt;&lt;</c> (nesting, literal strings with escapes and hex strings followed), never through a fixed byte window;
/// <c>/Filter</c> and <c>/DecodeParms</c> are read as a name, an array or an indirect reference to an object elsewhere in
/// the file (found through an index of <c>N G obj</c> headers, built once, on the first reference).
/// </summary>
internal ref struct PdfStreamFilters(ReadOnlySpan<byte> pdf)
{
    private readonly ReadOnlySpan<byte> _pdf = pdf;
    private Dictionary<(int, int), int>? _objects;
    private readonly Dictionary<Reference, object?> _resolved = [];

    /// <summary>Where the value being parsed must end: the stream keyword for a dictionary, a short window for a referenced filter object.</summary>
    private int _end;

    /// <summary>Bytes read for an object a filter or its parameters refer to (a name, an array of names or a small dictionary).</summary>
    private const int MaxReferencedObjectBytes = 512;

    /// <summary>
    /// The chain of the stream whose keyword is at <paramref name="keyword"/>, or null when no dictionary ends just before
    /// it. The walk back stops at <paramref name="lowerBound"/> (the previous keyword), so all walks together read each
    /// byte at most once.
    /// </summary>
    public IReadOnlyList<PdfFilter>? ChainOf(int keyword, int lowerBound)
    {
        var start = DictionaryStart(keyword, lowerBound);
        if (start < 0) return null;
        var at = start;
        _end = keyword;
        if (Parse(ref at, 0) is not Dictionary<string, object?> dictionary) return null;
        dictionary.TryGetValue("Filter", out var filter);
        dictionary.TryGetValue("DecodeParms", out var parms);
        filter = Resolve(filter);
        parms = Resolve(parms);
        var names = filter switch
        {
            string name => [name],
            List<object?> array => NamesOf(array),
            _ => new List<string>(),
        };
        var chain = new List<PdfFilter>(names.Count);
        for (var i = 0; i < names.Count; i++)
        {
            var p = parms is List<object?> list ? (i < list.Count ? Resolve(list[i]) : null) : parms;
            var early = p is Dictionary<string, object?> d && Resolve(d.GetValueOrDefault("EarlyChange")) is long e ? (e == 0 ? 0 : 1) : 1;
            chain.Add(new PdfFilter(FullName(names[i]), early));
        }
        return chain;
    }

    private List<string> NamesOf(List<object?> array)
    {
        var names = new List<string>(array.Count);
        foreach (var element in array) names.Add(Resolve(element) as string ?? "?");
        return names;
    }

    private static string FullName(string name) => name switch
    {
        "Fl" => "FlateDecode",
        "LZW" => "LZWDecode",
        "RL" => "RunLengthDecode",
        "AHx" => "ASCIIHexDecode",
        "A85" => "ASCII85Decode",
        _ => name,
    };

    private int DictionaryStart(int keyword, int lowerBound)
    {
        var i = keyword - 1;
        while (i >= lowerBound && IsWhite(_pdf[i])) i--;
        var depth = 0;
        while (i > lowerBound)
        {
            var c = _pdf[i];
            if (c == '>' && _pdf[i - 1] == '>')
            {
                depth++;
                i -= 2;
            }
            else if (c == '>')
            {
                // A hex string: back to its '<'.
                var open = _pdf.Slice(lowerBound, i - lowerBound).LastIndexOf((byte)'<');
                if (open < 0) return -1;
                i = lowerBound + open - 1;
            }
            else if (c == '<' && _pdf[i - 1] == '<')
            {
                depth--;
                if (depth == 0) return i - 1;
                i -= 2;
            }
            else if (c == ')' && !Escaped(i, lowerBound))
            {
                i = StringStart(i, lowerBound);
                if (i < 0) return -1;
                i--;
            }
            else if (depth == 0)
            {
                return -1; // not a dictionary just before the keyword
            }
            else
            {
                i--;
            }
        }
        return -1;
    }

    /// <summary>The '(' that opens the literal string closed at <paramref name="close"/> (balanced parentheses, escapes followed), or -1.</summary>
    private int StringStart(int close, int lowerBound)
    {
        var nesting = 1;
        for (var i = close - 1; i >= lowerBound; i--)
        {
            var c = _pdf[i];
            if (c is not ((byte)'(' or (byte)')') || Escaped(i, lowerBound)) continue;
            nesting += c == ')' ? 1 : -1;
            if (nesting == 0) return i;
        }
        return -1;
    }

    private bool Escaped(int at, int lowerBound)
    {
        var slashes = 0;
        for (var i = at - 1; i >= lowerBound && _pdf[i] == '\\'; i--) slashes++;
        return slashes % 2 == 1;
    }

    private object? Resolve(object? value)
    {
        // One level: a reference to an object whose value is itself a reference is not followed further.
        if (value is not Reference r) return value;
        if (_resolved.TryGetValue(r, out var known)) return known;
        _objects ??= IndexObjects();
        object? resolved = null;
        if (_objects.TryGetValue((r.Number, r.Generation), out var at))
        {
            _end = Math.Min(_pdf.Length, at + MaxReferencedObjectBytes);
            resolved = Parse(ref at, 0);
            if (resolved is Reference) resolved = null;
        }
        _resolved[r] = resolved;
        return resolved;
    }

    private sealed record Reference(int Number, int Generation);

    /// <summary>Where each object's value starts, by number and generation (a later definition replaces an earlier one, as incremental updates do).</summary>
    private Dictionary<(int, int), int> IndexObjects()
    {
        var index = new Dictionary<(int, int), int>();
        var span = _pdf;
        for (var at = span.IndexOf("obj"u8); at >= 0;)
        {
            var i = at - 1;
            var spaced = i >= 0 && IsWhite(span[i]);
            while (i >= 0 && IsWhite(span[i]) && at - i < 64) i--;
            if (spaced && Number(span, ref i, out var generation) && i >= 0 && IsWhite(span[i]))
            {
                while (i >= 0 && IsWhite(span[i]) && at - i < 128) i--;
                if (Number(span, ref i, out var number) && (i < 0 || IsWhite(span[i]) || IsDelimiter(span[i])))
                    index[(number, generation)] = at + 3;
            }
            var next = span[(at + 3)..].IndexOf("obj"u8);
            at = next < 0 ? -1 : at + 3 + next;
        }
        return index;
    }

    /// <summary>Reads the decimal number that ends at <paramref name="i"/> backwards (at most 10 digits); leaves <paramref name="i"/> before it.</summary>
    private static bool Number(ReadOnlySpan<byte> span, ref int i, out int value)
    {
        value = 0;
        var digits = 0;
        long v = 0;
        long scale = 1;
        while (i >= 0 && span[i] is >= (byte)'0' and <= (byte)'9' && digits < 10)
        {
            v += (span[i] - '0') * scale;
            scale *= 10;
            digits++;
            i--;
        }
        if (digits == 0 || v > int.MaxValue) return false;
        value = (int)v;
        return true;
    }

    private const int MaxDepth = 32;

    /// <summary>
    /// Parses one value at <paramref name="at"/>: a name (string), an integer (long), a reference, an array, a dictionary
    /// (by key, without the slash); strings and other tokens are skipped and read as null. Always moves forward.
    /// </summary>
    private object? Parse(ref int at, int depth)
    {
        SkipWhite(ref at);
        if (at >= _end) return null;
        var c = _pdf[at];
        if (c == '/')
        {
            return Name(ref at);
        }
        if (c == '<' && at + 1 < _end && _pdf[at + 1] == '<')
        {
            at += 2;
            var dictionary = new Dictionary<string, object?>(StringComparer.Ordinal);
            while (true)
            {
                SkipWhite(ref at);
                if (at >= _end) return dictionary;
                if (_pdf[at] == '>' && at + 1 < _end && _pdf[at + 1] == '>')
                {
                    at += 2;
                    return dictionary;
                }
                if (_pdf[at] != '/') return dictionary; // damaged: keep what was read
                var key = Name(ref at);
                var value = depth < MaxDepth ? Parse(ref at, depth + 1) : null;
                dictionary[key] = value;
            }
        }
        if (c == '[')
        {
            at++;
            var array = new List<object?>();
            while (true)
            {
                SkipWhite(ref at);
                if (at >= _end) return array;
                if (_pdf[at] == ']')
                {
                    at++;
                    return array;
                }
                var before = at;
                array.Add(depth < MaxDepth ? Parse(ref at, depth + 1) : null);
                if (at == before) at++;
            }
        }
        if (c == '<')
        {
            var close = _pdf.Slice(at, _end - at).IndexOf((byte)'>');
            at = close < 0 ? _end : at + close + 1;
            return null;
        }
        if (c == '(')
        {
            SkipString(ref at);
            return null;
        }
        if (c is (byte)'+' or (byte)'-' or (byte)'.' or >= (byte)'0' and <= (byte)'9')
        {
            var number = Integer(ref at);
            // "N G R" is a reference.
            var look = at;
            SkipWhite(ref look);
            var generationAt = look;
            var generation = Integer(ref look);
            if (number is { } n && generation is { } g && look > generationAt)
            {
                SkipWhite(ref look);
                if (look < _end && _pdf[look] == 'R' && (look + 1 >= _end || IsWhite(_pdf[look + 1]) || IsDelimiter(_pdf[look + 1])))
                {
                    at = look + 1;
                    return n is >= 0 and <= int.MaxValue && g is >= 0 and <= int.MaxValue ? new Reference((int)n, (int)g) : null;
                }
            }
            return number;
        }
        // A keyword (true, false, null, a stray token): skip it.
        var start = at;
        while (at < _end && !IsWhite(_pdf[at]) && !IsDelimiter(_pdf[at])) at++;
        if (at == start) at++;
        return null;
    }

    private long? Integer(ref int at)
    {
        var start = at;
        if (at < _end && _pdf[at] is (byte)'+' or (byte)'-') at++;
        long value = 0;
        var digits = 0;
        while (at < _end && _pdf[at] is >= (byte)'0' and <= (byte)'9')
        {
            if (digits < 18) value = value * 10 + (_pdf[at] - '0');
            digits++;
            at++;
        }
        var real = false;
        while (at < _end && (_pdf[at] == '.' || _pdf[at] is >= (byte)'0' and <= (byte)'9'))
        {
            real = true;
            at++;
        }
        if (at == start) return null;
        if (real || digits == 0) return null;
        return _pdf[start] == '-' ? -value : value;
    }

    private string Name(ref int at)
    {
        at++; // the slash
        var name = new StringBuilder();
        while (at < _end && !IsWhite(_pdf[at]) && !IsDelimiter(_pdf[at]))
        {
            if (_pdf[at] == '#' && at + 2 < _end && Hex(_pdf[at + 1]) is var h and >= 0 && Hex(_pdf[at + 2]) is var l and >= 0)
            {
                name.Append((char)(h * 16 + l));
                at += 3;
                continue;
            }
            name.Append((char)_pdf[at]);
            at++;
        }
        return name.ToString();
    }

    private static int Hex(byte b) => b switch
    {
        >= (byte)'0' and <= (byte)'9' => b - '0',
        >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
        _ => -1,
    };

    private void SkipString(ref int at)
    {
        var nesting = 0;
        for (; at < _end; at++)
        {
            var c = _pdf[at];
            if (c == '\\')
            {
                at++;
            }
            else if (c == '(')
            {
                nesting++;
            }
            else if (c == ')' && --nesting == 0)
            {
                at++;
                return;
            }
        }
    }

    private void SkipWhite(ref int at)
    {
        while (at < _end)
        {
            if (IsWhite(_pdf[at]))
            {
                at++;
            }
            else if (_pdf[at] == '%')
            {
                while (at < _end && _pdf[at] is not ((byte)'\r' or (byte)'\n')) at++;
            }
            else
            {
                return;
            }
        }
    }

    private static bool IsWhite(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or (byte)'\f' or 0;

    private static bool IsDelimiter(byte b) => b is (byte)'(' or (byte)')' or (byte)'<' or (byte)'>' or (byte)'[' or (byte)']' or (byte)'{' or (byte)'}' or (byte)'/' or (byte)'%';
}
