using System.Globalization;
using System.IO.Compression;
using System.Runtime.CompilerServices;
using System.Text;

namespace CustomsFn.Core.Screening;

/// <summary>
/// The screening pack: one normalised index of every list entry, gzip-compressed tab-separated text
/// (<c>customsfn-screening-pack/1</c>). Built by <see cref="SanctionsImporter"/>, read by <see cref="ScreeningIndex"/>.
/// </summary>
public sealed class ScreeningPack
{
    public const string FormatId = "customsfn-screening-pack/1";
    public const string ResourceName = "CustomsFn.Screening.sanctions.tsv.gz";
    public const string FileName = "sanctions.tsv.gz";

    private const char ListSep = '|';

    public ScreeningPack(IReadOnlyList<ListEdition> editions, IReadOnlyList<ScreeningEntry> entries)
    {
        Editions = editions;
        Entries = entries;
    }

    public IReadOnlyList<ListEdition> Editions { get; }
    public IReadOnlyList<ScreeningEntry> Entries { get; }

    /// <summary>The pack shipped with the core (embedded resource), read once.</summary>
    public static ScreeningPack Shipped => LazyShipped.Value;

    private static readonly Lazy<ScreeningPack> LazyShipped = new(() =>
    {
        using var s = typeof(ScreeningPack).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The screening pack resource {ResourceName} is missing.");
        return Read(s);
    });

    /// <summary>Writes deterministically: fixed header order, entries in list then id order, LF line ends, gzip without timestamp or name.</summary>
    public void Write(Stream output)
    {
        var text = new StringBuilder(8 << 20);
        text.Append(FormatId).Append('\n');
        text.Append("columns\tid list programme type countries names identifiers addresses\n");
        foreach (var e in Editions)
        {
            text.Append("edition");
            foreach (var v in new[] { e.List, e.Title, e.Edition, e.Source, e.Licence, e.SourceSha256 }) text.Append('\t').Append(Clean(v));
            text.Append('\n');
        }
        text.Append('\n');
        foreach (var e in Entries.OrderBy(e => e.List, StringComparer.Ordinal).ThenBy(e => e.Id, StringComparer.Ordinal))
        {
            text.Append(Clean(e.Id)).Append('\t').Append(Clean(e.List)).Append('\t').Append(Clean(e.Programme)).Append('\t')
                .Append(TypeCode(e.Type)).Append('\t').Append(string.Join(',', e.Countries)).Append('\t')
                .AppendJoin(ListSep, e.Names.Select(n => KindCode(n.Kind) + ":" + Clean(n.Text))).Append('\t')
                .AppendJoin(ListSep, e.Identifiers.Select(i => Clean(i.Type).Replace(':', ' ') + ":" + Clean(i.Value))).Append('\t')
                .AppendJoin(ListSep, e.Addresses.Select(Clean)).Append('\n');
        }
        var bytes = Encoding.UTF8.GetBytes(text.ToString());
        using var gz = new GZipStream(output, CompressionLevel.SmallestSize, leaveOpen: true);
        gz.Write(bytes);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static ScreeningPack Read(Stream gz)
    {
        using var unzip = new GZipStream(gz, CompressionMode.Decompress, leaveOpen: true);
        using var reader = new StreamReader(unzip, Encoding.UTF8);
        if (reader.ReadLine() != FormatId) throw new InvalidDataException($"Not a screening pack (expected '{FormatId}').");
        var editions = new List<ListEdition>();
        string? line;
        while ((line = reader.ReadLine()) is { Length: > 0 })
        {
            var f = line.Split('\t');
            if (f[0] == "edition" && f.Length == 7) editions.Add(new ListEdition(f[1], f[2], f[3], f[4], f[5], f[6]));
        }
        var entries = new List<ScreeningEntry>(24_000);
        var number = 0;
        while ((line = reader.ReadLine()) is not null)
        {
            number++;
            var f = line.Split('\t');
            if (f.Length != 8) throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"Screening pack entry {number} has {f.Length} columns, expected 8."));
            var names = Split(f[5]).Select(n => new ListedName(n[2..], ParseKind(n[0]))).ToArray();
            var ids = Split(f[6]).Select(i => { var c = i.IndexOf(':', StringComparison.Ordinal); return new ListedIdentifier(i[..c], i[(c + 1)..]); }).ToArray();
            entries.Add(new ScreeningEntry(f[0], f[1], f[2], ParseType(f[3]), names, f[4].Length == 0 ? [] : f[4].Split(','), ids, Split(f[7])));
        }
        return new ScreeningPack(editions, entries);
    }

    private static string[] Split(string s) => s.Length == 0 ? [] : s.Split(ListSep);

    private static char KindCode(NameKind k) => k switch
    {
        NameKind.Primary => 'p',
        NameKind.StrongAlias => 's',
        NameKind.WeakAlias => 'w',
        _ => 'o',
    };

    private static NameKind ParseKind(char c) => c switch
    {
        'p' => NameKind.Primary,
        's' => NameKind.StrongAlias,
        'w' => NameKind.WeakAlias,
        'o' => NameKind.OriginalScript,
        _ => throw new InvalidDataException($"Unknown name kind '{c}' in the screening pack."),
    };

    private static string TypeCode(PartyType t) => t switch
    {
        PartyType.Person => "person",
        PartyType.Organisation => "organisation",
        PartyType.Vessel => "vessel",
        PartyType.Aircraft => "aircraft",
        _ => "unknown",
    };

    /// <summary>"person", "organisation", "vessel", "aircraft"; anything else is <see cref="PartyType.Unknown"/>.</summary>
    public static PartyType ParseType(string s) => s switch
    {
        "person" => PartyType.Person,
        "organisation" => PartyType.Organisation,
        "vessel" => PartyType.Vessel,
        "aircraft" => PartyType.Aircraft,
        _ => PartyType.Unknown,
    };

    /// <summary>One line per value: tabs, line breaks and the list separator become spaces; runs of spaces collapse.</summary>
    internal static string Clean(string s)
    {
        if (s.Length == 0) return s;
        var sb = new StringBuilder(s.Length);
        var space = true;
        foreach (var ch in s)
        {
            var c = ch is '\t' or '\r' or '\n' or '\u00A0' or ListSep ? ' ' : ch;
            if (c == ' ') { if (!space) sb.Append(' '); space = true; }
            else { sb.Append(c); space = false; }
        }
        return sb.ToString().TrimEnd();
    }
}
