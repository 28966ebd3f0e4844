using System.Diagnostics;
using CustomsFn.Core.Screening;

namespace CustomsFn.Bench;

/// <summary>
/// <c>customs bench --only screening</c>: parties screened against every list on one thread (the full matcher: normalise,
/// candidate index, token comparison, country agreement) vs the floor of normalising the same names only; and the time
/// to load the index from the shipped pack (read, normalise every listed name, build the candidate index).
/// </summary>
internal static class ScreeningWorkload
{
    private const int BatchSize = 1000;

    public static async Task<WorkloadResult> RunAsync(BenchSettings settings, CancellationToken ct)
    {
        // Index load, cold (a fresh pack and index; the shared default is not touched).
        using var self = Process.GetCurrentProcess();
        var cpuAtStart = self.TotalProcessorTime;
        var load = Stopwatch.StartNew();
        ScreeningPack pack;
        using (var s = typeof(ScreeningPack).Assembly.GetManifestResourceStream(ScreeningPack.ResourceName)
            ?? throw new InvalidOperationException("The screening pack is not embedded."))
        {
            pack = ScreeningPack.Read(s);
        }
        var index = new ScreeningIndex(pack);
        var loadSeconds = load.Elapsed.TotalSeconds;
        self.Refresh();
        var loadCpuSeconds = (self.TotalProcessorTime - cpuAtStart).TotalSeconds;

        var batches = Parties(pack, settings.Quick ? 5_000 : 20_000).Chunk(BatchSize).ToList();
        var rounds = settings.Rounds ?? (settings.Quick ? 1 : 3);
        long matches = 0;
        // One full pass first: the rate is the steady state (the cold start is the index load above).
        foreach (var p in batches.SelectMany(b => b)) matches += index.Screen(p, 3).Count;
        matches = 0;
        var o = await SideBySide.RunAsync(batches, b => b.Length, rounds, warmUp: true,
            (batch, _) =>
            {
                foreach (var p in batch) matches += index.Screen(p, 3).Count;
                return Task.CompletedTask;
            },
            (batch, _) =>
            {
                foreach (var p in batch) matches += NameNormalizer.Normalize(p.Name).Tokens.Count > 0 ? 0 : 1;
                return Task.CompletedTask;
            }, ct).ConfigureAwait(false);
        // "On one core": parties per second of this process's CPU time (the machine may be shared; wall-clock is reported beside it).
        var perCpuSecond = o.Pipeline.CpuSeconds > 0 ? o.Pipeline.Units / o.Pipeline.CpuSeconds : o.Pipeline.Units / o.Pipeline.TotalSeconds;
        return CoreWorkloads.Result("screening", "Sanctions screening of parties", "parties", batches.Sum(b => b.Length), rounds, o,
            $"screen against {pack.Entries.Count} entries / {index.NameCount} names of {pack.Editions.Count} lists, one thread",
            "NameNormalizer.Normalize of the same names",
            [
                new TargetCheck("parties per CPU-second (one thread) >= 20000", 20_000, perCpuSecond, perCpuSecond >= 20_000),
                new TargetCheck("index load seconds (wall) < 1", 1, loadSeconds, loadSeconds < 1),
            ],
            new Dictionary<string, double>
            {
                ["indexLoadSeconds"] = loadSeconds,
                ["indexLoadCpuSeconds"] = loadCpuSeconds,
                ["entries"] = pack.Entries.Count,
                ["names"] = index.NameCount,
                ["matchesPerParty"] = matches / (double)(o.Pipeline.Units + o.Floor.Units),
            });
    }

    /// <summary>
    /// A realistic mix: nine in ten ordinary trade parties (generated company and person names with countries), one in ten
    /// a listed name or alias (as a screening system sees now and then). Deterministic.
    /// </summary>
    internal static List<PartyQuery> Parties(ScreeningPack pack, int count)
    {
        string[] words = ["Atlantic", "Pacific", "Harbour", "Summit", "Meadow", "Crown", "Eagle", "Union", "Coastal", "Prime", "Vista", "Anchor", "Orchid",
            "Bergstrom", "Keller", "Lindgren", "Marchetti", "Okafor", "Petrov", "Quintero", "Rasmussen", "Takahashi", "Urban", "Varga", "Weiss", "Zhang",
            "Textile", "Machinery", "Electronics", "Foods", "Chemicals", "Logistics", "Paper", "Steel", "Plastics", "Furniture", "Ceramics", "Optics"];
        string[] legal = ["GmbH", "Ltd", "LLC", "Inc.", "S.A.", "B.V.", "S.p.A.", "Co., Ltd.", "AB", "Oy", "Sp. z o.o.", "OOO"];
        string[] given = ["Anna", "Lukas", "Maria", "Chen", "Fatima", "Jose", "Olga", "Kenji", "Amara", "Pierre", "Sofia", "Tariq"];
        string[] countries = ["DE", "US", "GB", "CN", "FR", "IT", "NL", "JP", "TR", "IN", "BR", "PL"];
        var listed = pack.Entries.SelectMany(e => e.Names.Select(n => (n.Text, Country: e.Countries.Count > 0 ? e.Countries[0] : null))).ToList();
        var random = new Random(23);
        var parties = new List<PartyQuery>(count);
        for (var i = 0; i < count; i++)
        {
            if (i % 10 == 9)
            {
                var (text, country) = listed[random.Next(listed.Count)];
                parties.Add(new PartyQuery(text, country));
            }
            else if (i % 3 == 0)
            {
                parties.Add(new PartyQuery($"{given[random.Next(given.Length)]} {words[random.Next(13, 26)]}", countries[random.Next(countries.Length)], PartyType.Person));
            }
            else
            {
                parties.Add(new PartyQuery($"{words[random.Next(words.Length)]} {words[random.Next(words.Length)]} {legal[random.Next(legal.Length)]}",
                    countries[random.Next(countries.Length)]));
            }
        }
        return parties;
    }
}
