using System.Collections.Frozen;

namespace CustomsFn.Core.Screening;

/// <summary>
/// Given-name variants and hypocorisms (Bibi and Benjamin, Sasha and Aleksandr, Hussein and Husayn), read from the embedded
/// GivenNameVariants.txt (its header names the sources). The matcher uses them only between people's given names.
/// </summary>
public static class GivenNameVariants
{
    private const string ResourceName = "CustomsFn.Screening.GivenNameVariants.txt";
    private static readonly FrozenDictionary<string, int[]> Groups = Load();

    /// <summary>True when the two (normalised) names are spellings or diminutives of one given name.</summary>
    public static bool AreVariants(string x, string y)
    {
        if (!Groups.TryGetValue(x, out var gx) || !Groups.TryGetValue(y, out var gy)) return false;
        foreach (var a in gx)
        {
            foreach (var b in gy) if (a == b) return true;
        }
        return false;
    }

    private static FrozenDictionary<string, int[]> Load()
    {
        using var stream = typeof(GivenNameVariants).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing from the build.");
        using var reader = new StreamReader(stream);
        var groups = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var id = 0;
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line[0] == '#') continue;
            foreach (var name in line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                if (!groups.TryGetValue(name, out var list)) groups[name] = list = [];
                if (!list.Contains(id)) list.Add(id);
            }
            id++;
        }
        return groups.ToFrozenDictionary(kv => kv.Key, kv => kv.Value.ToArray(), StringComparer.Ordinal);
    }
}
