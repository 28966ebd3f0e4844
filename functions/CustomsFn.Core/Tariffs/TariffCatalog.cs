using System.Diagnostics;

namespace CustomsFn.Core.Tariffs;

/// <summary>
/// The tariff packs the product ships (embedded resources built by <see cref="TariffImporter"/>), loaded lazily and
/// once, with the lookups the rules need: the national tariff of a destination at a date, the HS editions.
/// </summary>
public sealed class TariffCatalog
{
    private static readonly Lazy<TariffCatalog> Embedded = new(() => new TariffCatalog(OpenEmbedded), LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly Dictionary<string, Lazy<TariffPack>> _byId;
    private readonly Lazy<Dictionary<string, IReadOnlyList<string>>> _successors;
    private readonly Lazy<UkPreferences?> _ukPreferences;
    private readonly Lazy<UsAdditionalDuties?> _usAdditional;
    private long _loadTicks;

    /// <summary>A catalog over packs already loaded.</summary>
    public TariffCatalog(IEnumerable<TariffPack> packs)
    {
        _byId = packs.ToDictionary(p => p.Id, p => new Lazy<TariffPack>(p), StringComparer.Ordinal);
        _successors = new(BuildSuccessors, LazyThreadSafetyMode.ExecutionAndPublication);
        _ukPreferences = new((UkPreferences?)null);
        _usAdditional = new((UsAdditionalDuties?)null);
    }

    /// <summary>A catalog that reads each pack the first time it is needed (once, thread-safe).</summary>
    private TariffCatalog(Func<string, Stream> open)
    {
        _byId = TariffImporter.PackIds.ToDictionary(id => id, id => new Lazy<TariffPack>(() => Timed(open, id, TariffPack.Read),
            LazyThreadSafetyMode.ExecutionAndPublication), StringComparer.Ordinal);
        _successors = new(BuildSuccessors, LazyThreadSafetyMode.ExecutionAndPublication);
        _ukPreferences = new(() => Timed(open, UkPreferences.Id, UkPreferences.Read), LazyThreadSafetyMode.ExecutionAndPublication);
        _usAdditional = new(() => Timed(open, UsAdditionalDuties.Id, UsAdditionalDuties.Read), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>Reads one pack, adding the time it took to <see cref="LoadTime"/>.</summary>
    private T Timed<T>(Func<string, Stream> open, string id, Func<Stream, T> read)
    {
        var sw = Stopwatch.StartNew();
        using var s = open(id);
        var value = read(s);
        Interlocked.Add(ref _loadTicks, sw.Elapsed.Ticks);
        return value;
    }

    /// <summary>The packs shipped in this assembly; each is read on first use.</summary>
    public static TariffCatalog Default => Embedded.Value;

    /// <summary>The ids of the packs the product ships (known without loading them).</summary>
    public static IReadOnlyList<string> ShippedPackIds => TariffImporter.PackIds;

    /// <summary>Every pack (loads those not yet loaded).</summary>
    public IReadOnlyList<TariffPack> Packs => _byId.Values.Select(l => l.Value).ToList();
    public TariffPack Hs2022 => Get("hs-2022");
    public TariffPack Hs2017 => Get("hs-2017");
    /// <summary>Time spent reading and indexing the packs loaded so far.</summary>
    public TimeSpan LoadTime => TimeSpan.FromTicks(Interlocked.Read(ref _loadTicks));

    /// <summary>The UK trade agreements' preferential schedules and quotas (loaded on first use); null in a catalog built from packs alone.</summary>
    public UkPreferences? UkPreferences => _ukPreferences.Value;

    /// <summary>The US chapter 99 additional duties by product, origin and date (loaded on first use); null in a catalog built from packs alone.</summary>
    public UsAdditionalDuties? UsAdditionalDuties => _usAdditional.Value;

    public TariffPack Get(string id) => _byId.TryGetValue(id, out var p) ? p.Value : throw new KeyNotFoundException($"No tariff pack '{id}'.");

    private TariffPack? Find(string id) => _byId.TryGetValue(id, out var p) ? p.Value : null;

    /// <summary>Reads the packs of a folder (e.g. freshly imported) lazily.</summary>
    public static TariffCatalog FromDirectory(string dir) => new(id => File.OpenRead(Path.Combine(dir, id + ".tsv.gz")));

    private static Stream OpenEmbedded(string id) =>
        typeof(TariffCatalog).Assembly.GetManifestResourceStream(TariffPack.ResourceName(id))
        ?? throw new InvalidOperationException($"Tariff pack resource {TariffPack.ResourceName(id)} is missing from the build.");

    /// <summary>
    /// The national tariff that applies at <paramref name="destination"/> on <paramref name="date"/>: the HTSUS for the
    /// US, the UK Global Tariff for GB from 2021 (the EU CET before), the EU CET for EU members; null elsewhere.
    /// </summary>
    public TariffPack? NationalFor(string? destination, DateOnly date)
    {
        if (destination is null) return null;
        if (destination == "US") return date >= new DateOnly(2026, 1, 1) ? Find("us-htsus-2026") ?? Find("us-htsus-2025") : Find("us-htsus-2025");
        if (IsoCountries.UnitedKingdom.Contains(destination))
            return date < new DateOnly(2021, 1, 1) ? Find("eu-cet-2020")
                : date < new DateOnly(2022, 1, 1) ? Find("uk-global-tariff-2021")
                : Find("uk-tariff-2022");
        if (IsoCountries.EuMembers.Contains(destination)) return Find("eu-cet-2020");
        return null;
    }

    /// <summary>
    /// For a 6-digit code that exists only in HS 2017: the codes new in HS 2022 under the same heading, which are its
    /// likely successors (the corpus has no official correlation table, so this is a same-heading inference).
    /// </summary>
    public IReadOnlyList<string> Hs2022Successors(string code6) => _successors.Value.TryGetValue(code6, out var s) ? s : [];

    private Dictionary<string, IReadOnlyList<string>> BuildSuccessors()
    {
        var result = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        var newIn2022 = Hs2022.Entries.Where(e => e.Level == 6 && !Hs2017.Contains(e.Code)).ToList();
        foreach (var old in Hs2017.Entries.Where(e => e.Level == 6 && !Hs2022.Contains(e.Code)))
        {
            var same = newIn2022.Where(e => e.Code.StartsWith(old.Code[..4], StringComparison.Ordinal)).Select(e => e.Code).ToList();
            result[old.Code] = same;
        }
        return result;
    }
}
