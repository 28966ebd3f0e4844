using System.Text;
using System.Text.RegularExpressions;
using CustomsFn.Cli;
using Spectre.Console.Testing;

namespace CustomsFn.Tests;

/// <summary>
/// Every fenced command in README.md is accounted for: the quick start is the two scripts (CI runs the test script), every
/// other command is a CLI example naming a command and options the CLI knows, run here in-process (all but the long-running
/// <c>serve</c>), and every relative link in README.md and docs/*.md points to a file (and heading) that exists.
/// </summary>
public sealed partial class ReadmeTests
{
    private const string CliProject = "dotnet run --project functions/CustomsFn.Cli";

    private static string ReadmePath => Path.Combine(TestPaths.RepoRoot, "README.md");

    [Fact]
    public void Readme_IsUnder250Lines()
    {
        Assert.InRange(File.ReadAllLines(ReadmePath).Length, 1, 249);
    }

    [Fact]
    public void QuickStart_IsRunSamplesThenTest_BothScriptsExist_AndCiCallsTheTestScript()
    {
        var quickStart = Section(File.ReadAllText(ReadmePath), "Quick start");
        var block = Assert.Single(FencedBlocks(quickStart), b => IsShell(b.Language));

        Assert.Equal(["bash scripts/run-samples.sh", "bash scripts/test.sh"], Commands(block));
        Assert.True(File.Exists(Path.Combine(TestPaths.RepoRoot, "scripts", "run-samples.sh")), "scripts/run-samples.sh is missing");
        Assert.True(File.Exists(Path.Combine(TestPaths.RepoRoot, "scripts", "test.sh")), "scripts/test.sh is missing");
        var ci = File.ReadAllLines(Path.Combine(TestPaths.RepoRoot, ".ci", "run"))
            .Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith('#'));
        // CI runs both quick-start commands: the main job on the bundled samples, then every test.
        Assert.Contains(ci, l => l.Contains("scripts/run-samples.sh", StringComparison.Ordinal));
        Assert.Contains(ci, l => l.Contains("scripts/test.sh", StringComparison.Ordinal));
    }

    [Fact]
    public void EveryFencedCommand_IsAQuickStartScriptOrACliExample()
    {
        var commands = ReadmeCommands().ToList();
        Assert.NotEmpty(commands);
        var unaccounted = commands.Where(c => ScriptPath(c) is null && CliArguments(c) is null).ToList();
        Assert.True(unaccounted.Count == 0, "README commands that no test or CI script runs:\n" + string.Join('\n', unaccounted));
        foreach (var script in commands.Select(ScriptPath).OfType<string>())
            Assert.True(File.Exists(Path.Combine(TestPaths.RepoRoot, script)), $"{script} is missing");
    }

    public static TheoryData<string> CliExamples()
    {
        var data = new TheoryData<string>();
        foreach (var c in ReadmeCommands().Where(c => CliArguments(c) is not null)) data.Add(c);
        return data;
    }

    /// <summary>
    /// The examples that end by themselves: <c>serve</c> is a host that runs until Ctrl+C, which
    /// tests/CustomsFn.IntegrationTests/ServeTests runs against Azurite.
    /// </summary>
    public static TheoryData<string> FiniteCliExamples()
    {
        var data = new TheoryData<string>();
        foreach (var c in ReadmeCommands().Where(c => CliArguments(c) is [not "serve", ..])) data.Add(c);
        return data;
    }

    [Theory]
    [MemberData(nameof(CliExamples))]
    public async Task CliExample_NamesACommandTheCliKnows_WithOptionsItLists(string example)
    {
        var args = CliArguments(example)!;
        var (known, help) = await HelpFor(args);

        Assert.True(known, $"'{example}' names no command of the CLI:\n{help}");
        foreach (var option in args.Where(a => a.StartsWith("--", StringComparison.Ordinal)))
            Assert.Contains(option, help, StringComparison.Ordinal);
    }

    /// <summary>
    /// Runs each CLI example in-process from the repository root's point of view: paths that exist under the root are made
    /// absolute and <c>--out</c> goes to a temporary folder.
    /// </summary>
    [SkippableTheory]
    [MemberData(nameof(FiniteCliExamples))]
    public async Task CliExample_RunsAndExitsZero(string example)
    {
        var args = CliArguments(example)!;
        if (args.Any(a => a.StartsWith("../shared/corpus", StringComparison.Ordinal))) TestPaths.RequireCorpus("");
        var temp = Directory.CreateTempSubdirectory("customsfn-readme-").FullName;
        try
        {
            var resolved = new List<string>();
            for (var i = 0; i < args.Count; i++)
            {
                var underRoot = Path.GetFullPath(Path.Combine(TestPaths.RepoRoot, args[i]));
                var isOut = i > 0 && args[i - 1] is "--out" or "-o";
                resolved.Add(isOut ? temp : !args[i].StartsWith('-') && (File.Exists(underRoot) || Directory.Exists(underRoot)) ? underRoot : args[i]);
            }

            var console = new TestConsole();
            var exit = await CliApp.RunAsync([.. resolved], console);

            Assert.True(exit == CliApp.Ok, $"'{example}' exited {exit}:\n{console.Output}");
            if (args.Contains("--out")) Assert.NotEmpty(Directory.GetFiles(temp));
        }
        finally
        {
            Directory.Delete(temp, recursive: true);
        }
    }

    [Theory]
    [InlineData("frobnicate")]
    [InlineData("rules", "frobnicate")]
    public async Task UnknownCommand_IsNotKnownToTheCli(params string[] args)
    {
        var (known, _) = await HelpFor(args);
        Assert.False(known);
    }

    [Fact]
    public void EveryRelativeLink_InTheReadmeAndDocs_PointsToAFileThatExists()
    {
        var pages = new[] { ReadmePath }.Concat(Directory.GetFiles(Path.Combine(TestPaths.RepoRoot, "docs"), "*.md")).ToList();
        Assert.True(pages.Count > 1, "docs/*.md not found");
        var broken = new List<string>();
        var links = 0;
        foreach (var page in pages)
        {
            var text = WithoutCode(File.ReadAllText(page));
            foreach (Match m in LinkPattern().Matches(text))
            {
                var target = m.Groups["target"].Value;
                if (target.Contains("://", StringComparison.Ordinal) || target.StartsWith("mailto:", StringComparison.Ordinal)) continue;
                links++;
                var hash = target.IndexOf('#', StringComparison.Ordinal);
                var file = hash < 0 ? target : target[..hash];
                var anchor = hash < 0 ? null : target[(hash + 1)..];
                var path = file.Length == 0 ? page : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(page)!, Uri.UnescapeDataString(file)));
                var where = $"{Path.GetRelativePath(TestPaths.RepoRoot, page)}: ({target})";
                if (!File.Exists(path) && !Directory.Exists(path)) broken.Add(where + " -> no such file");
                else if (anchor is { Length: > 0 } && path.EndsWith(".md", StringComparison.Ordinal) && !Anchors(File.ReadAllText(path)).Contains(anchor))
                    broken.Add(where + " -> no such heading");
            }
        }

        Assert.True(links > 0, "no relative links found");
        Assert.True(broken.Count == 0, "Broken links:\n" + string.Join('\n', broken));
    }

    /// <summary>Runs <c>customs ARGS --help</c> in-process: known when it exits 0 and prints the usage of that command.</summary>
    private static async Task<(bool Known, string Help)> HelpFor(IReadOnlyList<string> args)
    {
        // The command path is the leading words (positional arguments after it are ignored by --help).
        var path = args.TakeWhile(a => !a.StartsWith('-')).ToList();
        var console = new TestConsole();
        console.Profile.Width = 200;
        var exit = await CliApp.RunAsync([.. path, "--help"], console);
        var help = console.Output;
        var usage = "customs " + path[0];
        if (path.Count > 1 && help.Contains("customs " + path[0] + " " + path[1], StringComparison.Ordinal)) usage += " " + path[1];
        return (exit == CliApp.Ok && help.Contains(usage, StringComparison.Ordinal) && help.Contains("OPTIONS", StringComparison.Ordinal), help);
    }

    private static IEnumerable<string> ReadmeCommands() =>
        FencedBlocks(File.ReadAllText(ReadmePath)).Where(b => IsShell(b.Language)).SelectMany(Commands);

    /// <summary>The CLI arguments of an example (<c>customs ...</c> or <c>dotnet run --project functions/CustomsFn.Cli [-c C] -- ...</c>), else null.</summary>
    /// <summary>The words of a command line as a POSIX shell splits them: on spaces, except inside double quotes.</summary>
    internal static List<string> ShellWords(string command)
    {
        var words = new List<string>();
        var word = new System.Text.StringBuilder();
        var quoted = false;
        var started = false;
        foreach (var c in command)
        {
            if (c == '"') { quoted = !quoted; started = true; continue; }
            if (c == ' ' && !quoted)
            {
                if (started) words.Add(word.ToString());
                word.Clear();
                started = false;
                continue;
            }
            word.Append(c);
            started = true;
        }
        if (started) words.Add(word.ToString());
        return words;
    }

    private static List<string>? CliArguments(string command)
    {
        var words = ShellWords(command);
        if (words.Count > 1 && words[0] == "customs") return words[1..];
        if (!command.StartsWith(CliProject, StringComparison.Ordinal)) return null;
        var separator = words.IndexOf("--");
        return separator < 0 || separator == words.Count - 1 ? null : words[(separator + 1)..];
    }

    /// <summary>The script of <c>bash scripts/NAME.sh</c> (no arguments), else null.</summary>
    private static string? ScriptPath(string command) =>
        ScriptPattern().Match(command) is { Success: true } m ? m.Groups["script"].Value : null;

    private static bool IsShell(string language) => language is "" or "bash" or "sh";

    private sealed record FencedBlock(string Language, IReadOnlyList<string> Lines);

    private static List<FencedBlock> FencedBlocks(string markdown)
    {
        var blocks = new List<FencedBlock>();
        string? language = null;
        var lines = new List<string>();
        foreach (var line in markdown.Split('\n').Select(l => l.TrimEnd('\r')))
        {
            var trimmed = line.TrimStart();
            if (!trimmed.StartsWith("```", StringComparison.Ordinal))
            {
                if (language is not null) lines.Add(line);
                continue;
            }

            if (language is null)
            {
                language = trimmed[3..].Trim();
                lines = [];
            }
            else
            {
                blocks.Add(new FencedBlock(language, lines));
                language = null;
            }
        }

        Assert.True(language is null, "a fenced block is not closed");
        return blocks;
    }

    /// <summary>The commands of a shell block: comments dropped, continuation lines joined, blank lines skipped.</summary>
    private static List<string> Commands(FencedBlock block)
    {
        var commands = new List<string>();
        var pending = new StringBuilder();
        foreach (var raw in block.Lines)
        {
            var line = CommentPattern().Replace(raw, "").Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            if (line.EndsWith('\\'))
            {
                pending.Append(line[..^1]).Append(' ');
                continue;
            }

            commands.Add(WhitespacePattern().Replace(pending.Append(line).ToString(), " ").Trim());
            pending.Clear();
        }

        if (pending.Length > 0) commands.Add(pending.ToString().Trim());
        return commands;
    }

    /// <summary>The text under a level-2 heading, up to the next level-2 heading.</summary>
    private static string Section(string markdown, string heading)
    {
        var start = markdown.IndexOf("\n## " + heading + "\n", StringComparison.Ordinal);
        Assert.True(start >= 0, $"README has no '## {heading}' section");
        var end = markdown.IndexOf("\n## ", start + 4, StringComparison.Ordinal);
        return end < 0 ? markdown[start..] : markdown[start..end];
    }

    /// <summary>Markdown without fenced blocks and inline code, where link syntax is not a link.</summary>
    private static string WithoutCode(string markdown)
    {
        var kept = new StringBuilder();
        var inFence = false;
        foreach (var line in markdown.Split('\n'))
        {
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal)) inFence = !inFence;
            else if (!inFence) kept.Append(InlineCodePattern().Replace(line, "")).Append('\n');
        }

        return kept.ToString();
    }

    /// <summary>GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens, repeats numbered.</summary>
    private static HashSet<string> Anchors(string markdown)
    {
        var anchors = new HashSet<string>(StringComparer.Ordinal);
        var inFence = false;
        foreach (var line in markdown.Split('\n').Select(l => l.TrimEnd('\r')))
        {
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal)) inFence = !inFence;
            if (inFence || HeadingPattern().Match(line) is not { Success: true } m) continue;
            var slug = SlugDropPattern().Replace(m.Groups["title"].Value.Trim().ToLowerInvariant(), "").Replace(' ', '-');
            var unique = slug;
            for (var n = 1; !anchors.Add(unique); n++) unique = $"{slug}-{n}";
        }

        return anchors;
    }

    [GeneratedRegex(@"\]\((?<target>[^)\s]+)\)")]
    private static partial Regex LinkPattern();

    [GeneratedRegex(@"^bash (?<script>scripts/[\w.-]+\.sh)$")]
    private static partial Regex ScriptPattern();

    [GeneratedRegex(@"\s+#\s.*$")]
    private static partial Regex CommentPattern();

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhitespacePattern();

    [GeneratedRegex(@"`[^`]*`")]
    private static partial Regex InlineCodePattern();

    [GeneratedRegex(@"^#{1,6}\s+(?<title>.+)$")]
    private static partial Regex HeadingPattern();

    [GeneratedRegex(@"[^\p{L}\p{N}\s_-]")]
    private static partial Regex SlugDropPattern();
}
