using CustomsFn.Cli;
using CustomsFn.Cli.Commands;
using Spectre.Console.Testing;

namespace CustomsFn.Tests.Screening;

public sealed class ScreenCommandTests
{
    private readonly TestConsole _console = new();

    public ScreenCommandTests() => _console.Profile.Width = 400;

    [Fact]
    public async Task Screen_ListedBankWithItsCountry_PrintsTheStrongMatchWithItsExplanation_AndExits3()
    {
        var exit = await CliApp.RunAsync(["screen", "Banco Nacional de Cuba", "--country", "CH"], _console);
        Assert.Equal(ScreenCommand.StrongMatch, exit);
        Assert.Contains("strong match (SANC-002)", _console.Output, StringComparison.Ordinal);
        Assert.Contains("OFAC-SDN:306", _console.Output, StringComparison.Ordinal);
        Assert.Contains("exact full name and agreeing country", _console.Output, StringComparison.Ordinal);
        Assert.Contains("un-sc: 2026-02-27", _console.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Screen_OriginalScriptName_FindsTheUnEntry()
    {
        var exit = await CliApp.RunAsync(["screen", "صدام حسين التكريتي", "--type", "person"], _console);
        Assert.Equal(CliApp.Ok, exit);
        Assert.Contains("possible match (SANC-001)", _console.Output, StringComparison.Ordinal);
        Assert.Contains("UN:IQi.001", _console.Output, StringComparison.Ordinal);
        Assert.Contains("original-script name", _console.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Screen_PersonAgainstACompanyEntry_ExplainsTheTypeMismatch()
    {
        await CliApp.RunAsync(["screen", "Butembo Airlines", "--type", "person", "--max", "1"], _console);
        Assert.Contains("the party is taken for a person, the entry is an organisation", _console.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Screen_OrdinaryCompany_PrintsNoMatch()
    {
        var exit = await CliApp.RunAsync(["screen", "Brightwater Joinery GmbH", "--country", "DE"], _console);
        Assert.Equal(CliApp.Ok, exit);
        Assert.Contains("No match.", _console.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("screen", "Acme", "--country", "Germany")]
    [InlineData("screen", "Acme", "--type", "vessel")]
    [InlineData("screen", " ")]
    [InlineData("screen", "Acme", "--max", "0")]
    public async Task Screen_BadArguments_AreBadUsage(params string[] args) =>
        Assert.Equal(CliApp.BadUsage, await CliApp.RunAsync(args, _console));

    [Fact]
    public async Task SanctionsImport_MissingSource_IsBadUsage() =>
        Assert.Equal(CliApp.BadUsage, await CliApp.RunAsync(["sanctions", "import", "--source", "/nonexistent-folder", "--out", "x"], _console));
}
