using System.Reflection;
using System.Text.RegularExpressions;
using Spectre.Console.Cli;

namespace CustomsFn.Cli;

/// <summary>"Did you mean --out?" for an unknown option: the closest long option any command of this CLI declares.</summary>
internal static partial class OptionSuggestion
{
    private static readonly Lazy<string[]> Known = new(() => typeof(OptionSuggestion).Assembly.GetTypes()
        .SelectMany(t => t.GetProperties())
        .Select(p => p.GetCustomAttribute<CommandOptionAttribute>())
        .Where(a => a is not null)
        .SelectMany(a => a!.LongNames)
        .Distinct(StringComparer.Ordinal)
        .Order(StringComparer.Ordinal)
        .ToArray());

    /// <summary>" Did you mean '--x'?" when the message names an unknown option close to a known one; else empty.</summary>
    public static string For(string message)
    {
        var m = UnknownOption().Match(message);
        if (!m.Success) return string.Empty;
        var given = m.Groups["name"].Value.TrimStart('-');
        var best = Known.Value
            .Select(k => (Name: k, Score: k.StartsWith(given, StringComparison.Ordinal) && given.Length >= 2 ? 0 : Distance(given, k)))
            .OrderBy(x => x.Score).ThenBy(x => x.Name, StringComparer.Ordinal)
            .FirstOrDefault();
        return best.Name is not null && best.Score <= Math.Max(2, given.Length / 3) ? $" Did you mean '--{best.Name}'?" : string.Empty;
    }

    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++) d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
            for (var j = 1; j <= b.Length; j++)
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
        return d[a.Length, b.Length];
    }

    [GeneratedRegex("Unknown option '(?<name>[^']+)'")]
    private static partial Regex UnknownOption();
}
