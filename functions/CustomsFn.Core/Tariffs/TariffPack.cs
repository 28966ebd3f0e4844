using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace CustomsFn.Core.Tariffs;

/// <summary>
/// A compact, versioned tariff pack: a header of provenance fields and tab-separated rows, gzip-compressed
/// (<c>customsfn-tariff-pack/1</c>). Built by <see cref="TariffImporter"/>, read by <see cref="TariffCatalog"/>.
/// </summary>
public sealed class TariffPack
{
    public const string FormatId = "customsfn-tariff-pack/1";
    public const string KindNational = "national";
    public const string KindNomenclature = "nomenclature";

    private readonly Dictionary<string, int> _byCode;
    private readonly string[] _sortedCodes;
    private readonly int[] _sortedIndex;

    private TariffPack(PackProvenance provenance, IReadOnlyList<TariffLine> lines, IReadOnlyList<NomenclatureEntry> entries)
    {
        Provenance = provenance;
        Lines = lines;
        Entries = entries;
        _byCode = new Dictionary<string, int>(Math.Max(lines.Count, entries.Count), StringComparer.Ordinal);
        if (provenance.Kind == KindNational)
        {
            for (var i = 0; i < lines.Count; i++)
            {
                if (lines[i].Code.Length > 0) _byCode.TryAdd(lines[i].Code, i);
            }
        }
        else
        {
            for (var i = 0; i < entries.Count; i++) _byCode.TryAdd(entries[i].Code, i);
        }
        var sorted = _byCode.OrderBy(kv => kv.Key, StringComparer.Ordinal).ToArray();
        _sortedCodes = sorted.Select(kv => kv.Key).ToArray();
        _sortedIndex = sorted.Select(kv => kv.Value).ToArray();
    }

    /// <summary>The national lines whose code starts with <paramref name="prefix"/>, in code order.</summary>
    public IEnumerable<TariffLine> LinesUnder(string prefix)
    {
        var i = Array.BinarySearch(_sortedCodes, prefix, StringComparer.Ordinal);
        if (i < 0) i = ~i;
        for (; i < _sortedCodes.Length && _sortedCodes[i].StartsWith(prefix, StringComparison.Ordinal); i++)
        {
            if (Provenance.Kind == KindNational) yield return Lines[_sortedIndex[i]];
        }
    }

    /// <summary>True when some code starts with <paramref name="prefix"/>.</summary>
    public bool AnyUnder(string prefix)
    {
        var i = Array.BinarySearch(_sortedCodes, prefix, StringComparer.Ordinal);
        if (i < 0) i = ~i;
        return i < _sortedCodes.Length && _sortedCodes[i].StartsWith(prefix, StringComparison.Ordinal);
    }

    public PackProvenance Provenance { get; }
    public string Id => Provenance.Id;
    public IReadOnlyList<TariffLine> Lines { get; }
    public IReadOnlyList<NomenclatureEntry> Entries { get; }

    public TariffLine? FindLine(string digits) => _byCode.TryGetValue(digits, out var i) && Provenance.Kind == KindNational ? Lines[i] : null;

    public NomenclatureEntry? FindEntry(string digits) => _byCode.TryGetValue(digits, out var i) && Provenance.Kind == KindNomenclature ? Entries[i] : null;

    public bool Contains(string digits) => _byCode.ContainsKey(digits);

    /// <summary>The same lookup for a slice of a longer code (e.g. the subheading of a 10-digit code) without allocating it.</summary>
    public bool Contains(ReadOnlySpan<char> digits) => _byCode.GetAlternateLookup<ReadOnlySpan<char>>().ContainsKey(digits);

    /// <summary>True when some code longer than <paramref name="digits"/> starts with it (e.g. CN10 lines under a CN8).</summary>
    public bool HasChildren(string digits)
    {
        if (!_byCode.TryGetValue(digits, out var i)) return false;
        for (var j = i + 1; j < Lines.Count; j++)
        {
            var c = Lines[j].Code;
            if (c.Length == 0) continue;
            return c.Length > digits.Length && c.StartsWith(digits, StringComparison.Ordinal);
        }
        return false;
    }

    /// <summary>The line that carries the rate for a code: the line itself, or the nearest ancestor with a rate (HTSUS 10-digit lines inherit from the 8-digit line).</summary>
    public TariffLine? RatedLine(TariffLine line)
    {
        for (var i = line.Index; i >= 0; i--)
        {
            var l = Lines[i];
            if (l.Code.Length > 0 && !line.Code.StartsWith(l.Code, StringComparison.Ordinal)) continue;
            if (l.HasRate) return l;
            if (l.Code.Length > 0 && l.Code.Length <= 4) break;
        }
        return null;
    }

    /// <summary>The description with its ancestors' ("Horses: Purebred breeding animals: Males").</summary>
    public string FullDescription(TariffLine line)
    {
        var parts = new List<string> { line.Description };
        var indent = line.Indent;
        for (var i = line.Index - 1; i >= 0 && indent > 0; i--)
        {
            if (Lines[i].Indent < indent)
            {
                parts.Add(Lines[i].Description.TrimEnd(':'));
                indent = Lines[i].Indent;
            }
        }
        parts.Reverse();
        return string.Join(": ", parts);
    }

    public static string ResourceName(string id) => $"CustomsFn.Tariffs.{id}.tsv.gz";

    // ---- reading and writing ----

    public static TariffPack Read(Stream gz)
    {
        using var unzip = new GZipStream(gz, CompressionMode.Decompress, leaveOpen: true);
        using var reader = new StreamReader(unzip, Encoding.UTF8);
        var first = reader.ReadLine();
        if (first != FormatId) throw new InvalidDataException($"Not a tariff pack (expected '{FormatId}').");
        var header = new Dictionary<string, string>(StringComparer.Ordinal);
        string? line;
        while ((line = reader.ReadLine()) is { Length: > 0 })
        {
            var tab = line.IndexOf('\t', StringComparison.Ordinal);
            header[line[..tab]] = line[(tab + 1)..];
        }
        var p = new PackProvenance(header["id"], header["title"], header["kind"], header["countries"].Split(',', StringSplitOptions.RemoveEmptyEntries),
            header["source"], header["licence"], header["revision"], DateOnly.ParseExact(header["effective"], "yyyy-MM-dd", CultureInfo.InvariantCulture),
            header.TryGetValue("until", out var u) && u.Length > 0 ? DateOnly.ParseExact(u, "yyyy-MM-dd", CultureInfo.InvariantCulture) : null,
            header["sha256"]);
        var lines = new List<TariffLine>();
        var entries = new List<NomenclatureEntry>();
        while ((line = reader.ReadLine()) is not null)
        {
            var f = line.Split('\t');
            if (p.Kind == KindNational)
                lines.Add(new TariffLine(lines.Count, f[0], int.Parse(f[1], CultureInfo.InvariantCulture), f[2], f[3], f[4], f[5], f[6], f[7], f[8]));
            else
                entries.Add(new NomenclatureEntry(f[0], f[1], int.Parse(f[2], CultureInfo.InvariantCulture), f[3], f[4]));
        }
        return new TariffPack(p, lines, entries);
    }

    /// <summary>Writes the pack deterministically: fixed header order, LF line ends, gzip with no timestamp or name.</summary>
    internal static void Write(Stream output, PackProvenance p, IEnumerable<string[]> rows)
    {
        var text = new StringBuilder();
        text.Append(FormatId).Append('\n');
        void H(string k, string v) => text.Append(k).Append('\t').Append(Clean(v)).Append('\n');
        H("id", p.Id);
        H("title", p.Title);
        H("kind", p.Kind);
        H("countries", string.Join(",", p.Countries));
        H("source", p.Source);
        H("licence", p.Licence);
        H("revision", p.Revision);
        H("effective", p.EffectiveFrom.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        H("until", p.EffectiveUntil?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? string.Empty);
        H("sha256", p.SourceSha256);
        H("columns", p.Kind == KindNational ? "code indent units general special column2 additional flags description" : "code parent level section description");
        text.Append('\n');
        foreach (var row in rows) text.Append(string.Join('\t', row.Select(Clean))).Append('\n');
        var bytes = Encoding.UTF8.GetBytes(text.ToString());
        using var gz = new GZipStream(output, CompressionLevel.SmallestSize, leaveOpen: true);
        gz.Write(bytes);
    }

    /// <summary>One line of text per field: tabs and line breaks become spaces, runs of spaces collapse.</summary>
    internal static string Clean(string s)
    {
        if (s.Length == 0) return s;
        var sb = new StringBuilder(s.Length);
        var space = false;
        foreach (var ch in s)
        {
            var c = ch is '\t' or '\r' or '\n' or '\u00A0' ? ' ' : ch;
            if (c == ' ') { if (!space && sb.Length > 0) sb.Append(' '); space = true; }
            else { sb.Append(c); space = false; }
        }
        return sb.ToString().TrimEnd();
    }
}
