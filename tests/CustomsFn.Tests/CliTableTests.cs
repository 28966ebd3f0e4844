using CustomsFn.Cli;
using Spectre.Console.Testing;

namespace CustomsFn.Tests;

/// <summary>
/// The summary tables of <c>customs process</c> fit the terminal: every document and shipment on one line of at most
/// the console's width, no word split across lines; on a wide terminal the first finding's message is shown too.
/// </summary>
public sealed class CliTableTests : IDisposable
{
    private readonly string _out = Directory.CreateTempSubdirectory("customsfn-cli-table-").FullName;

    public void Dispose() => Directory.Delete(_out, recursive: true);

    private string _output = "";

    private async Task<List<string>> TableLinesAsync(int width)
    {
        var console = new TestConsole();
        console.Profile.Width = width;
        var exit = await CliApp.RunAsync(["process", Path.Combine(TestPaths.Samples, "documents"), Path.Combine(TestPaths.Samples, "shipments"), "--out", _out], console);
        Assert.Equal(CliApp.Ok, exit);
        _output = console.Output;
        return console.Output.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.StartsWith('│') || l.StartsWith('┌') || l.StartsWith('└') || l.StartsWith('├')).ToList();
    }

    [Theory]
    [InlineData(80)]
    [InlineData(100)]
    [InlineData(160)]
    public async Task EveryRow_IsOneLine_WithinTheWidth(int width)
    {
        var lines = await TableLinesAsync(width);
        var documents = int.Parse(System.Text.RegularExpressions.Regex.Match(_output, @"(\d+) documents:").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        var shipments = int.Parse(System.Text.RegularExpressions.Regex.Match(_output, @"(\d+) shipments:").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(Directory.GetDirectories(Path.Combine(TestPaths.Samples, "shipments")).Length, shipments);

        Assert.All(lines, l => Assert.True(l.Length <= width, $"{l.Length} > {width}: {l}"));
        // Two tables: top, header, separator, one line per row, bottom.
        Assert.Equal(documents + shipments + 2 * 4, lines.Count);
    }

    [Fact]
    public async Task Narrow_KeepsTheFileNameEnd_AndTheRuleIdOfTheFirstFinding()
    {
        var lines = await TableLinesAsync(80);

        Assert.Contains(lines, l => l.Contains("invoice.xml", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("ubl-malformed.xml", StringComparison.Ordinal) && l.Contains("rejected", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("SHIP-0", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Wide_ShowsTheFormat_TheCounts_AndTheFindingMessage()
    {
        var lines = await TableLinesAsync(200);

        Assert.Contains("Format", lines[1], StringComparison.Ordinal);
        Assert.Contains("Warn", lines[1], StringComparison.Ordinal);
        // A folder's file name that repeats across folders is shown with its folder.
        Assert.Contains(lines, l => l.Contains("s01-de-us-clean/invoice.xml", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("EINV-RULESET: ", StringComparison.Ordinal));
    }
}
