using System.Diagnostics;
using CustomsFn.Core.Model;

namespace CustomsFn.Core.Tariffs;

/// <summary>
/// The tariff packs the product ships (embedded resources built by <see cref="TariffImporter"/>), loaded lazily and
/// once, with the lookups the rules need: the national tariff of a destination at a date, the HS editions.
/// </summary>
public sealed class TariffCatalog
{
    private static readonly Lazy<TariffCatalog> Embedded = new(LoadEmbedded, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly Dictionary<string, TariffPack> _byId;
    private readonly Dictionary<string, IReadOnlyList<string>> _successors = new(StringComparer.Ordinal);

    public TariffCatalog(IEnumerable<TariffPack> packs, TimeSpan loadTime = default)
    {
        Packs = packs.ToList();
        _byId = Packs.ToDictionary(p => p.Id, StringComparer.Ordinal);
        LoadTime = loadTime;
        Hs2022 = Get("hs-2022");
        Hs2017 = Get("hs-2017");
        BuildSuccessors();
    }

    /// <summary>The packs shipped in this assembly, loaded on first use.</summary>
    public static TariffCatalog Default => Embedded.Value;

    /// <summary>The ids of the packs the product ships (known without loading them).</summary>
    public static IReadOnlyList<string> ShippedPackIds => TariffImporter.PackIds;

    public IReadOnlyList<TariffPack> Packs { get; }
    public TariffPack Hs2022 { get; }
    public TariffPack Hs2017 { get; }
    /// <summary>How long reading and indexing the packs took.</summary>
    public TimeSpan LoadTime { get; }

    public TariffPack Get(string id) => _byId.TryGetValue(id, out var p) ? p : throw new KeyNotFoundException($"No tariff pack '{id}'.");

    public static TariffCatalog FromDirectory(string dir)
    {
        var sw = Stopwatch.StartNew();
        var packs = TariffImporter.PackIds.Select(id =>
        {
            using var f = File.OpenRead(Path.Combine(dir, id + ".tsv.gz"));
            return TariffPack.Read(f);
        }).ToList();
        return new TariffCatalog(packs, sw.Elapsed);
    }

    private static TariffCatalog LoadEmbedded()
    {
        var sw = Stopwatch.StartNew();
        var asm = typeof(TariffCatalog).Assembly;
        var packs = TariffImporter.PackIds.Select(id =>
        {
            using var s = asm.GetManifestResourceStream(TariffPack.ResourceName(id))
                ?? throw new InvalidOperationException($"Tariff pack resource {TariffPack.ResourceName(id)} is missing from the build.");
            return TariffPack.Read(s);
        }).ToList();
        return new TariffCatalog(packs, sw.Elapsed);
    }

    /// <summary>
    /// The national tariff that applies at <paramref name="destination"/> on <paramref name="date"/>: the HTSUS for the
    /// US, the UK Global Tariff for GB from 2021 (the EU CET before), the EU CET for EU members; null elsewhere.
    /// </summary>
    public TariffPack? NationalFor(string? destination, DateOnly date)
    {
        if (destination is null) return null;
        if (destination == "US") return _byId.GetValueOrDefault("us-htsus-2025");
        if (destination == "GB")
            return date < new DateOnly(2021, 1, 1) ? _byId.GetValueOrDefault("eu-cet-2020") : _byId.GetValueOrDefault("uk-global-tariff-2021");
        if (IsoCountries.EuMembers.Contains(destination)) return _byId.GetValueOrDefault("eu-cet-2020");
        return null;
    }

    /// <summary>
    /// For a 6-digit code that exists only in HS 2017: the codes new in HS 2022 under the same heading, which are its
    /// likely successors (the corpus has no official correlation table, so this is a same-heading inference).
    /// </summary>
    public IReadOnlyList<string> Hs2022Successors(string code6) => _successors.TryGetValue(code6, out var s) ? s : [];

    private void BuildSuccessors()
    {
        var newIn2022 = Hs2022.Entries.Where(e => e.Level == 6 && !Hs2017.Contains(e.Code)).ToList();
        foreach (var old in Hs2017.Entries.Where(e => e.Level == 6 && !Hs2022.Contains(e.Code)))
        {
            var same = newIn2022.Where(e => e.Code.StartsWith(old.Code[..4], StringComparison.Ordinal)).Select(e => e.Code).ToList();
            _successors[old.Code] = same;
        }
    }
}
