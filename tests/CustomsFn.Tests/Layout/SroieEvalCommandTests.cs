using CustomsFn.Cli;
using Newtonsoft.Json.Linq;
using Spectre.Console.Testing;

namespace CustomsFn.Tests.Layout;

/// <summary><c>customs eval</c> on a SROIE-shaped folder (box/ and key/): the halves table, the calibration table and the JSON report.</summary>
public sealed class SroieEvalCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sroie-eval-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private void Receipt(string number, string total, string date)
    {
        Directory.CreateDirectory(Path.Combine(_dir, "box"));
        Directory.CreateDirectory(Path.Combine(_dir, "key"));
        File.WriteAllLines(Path.Combine(_dir, "box", number + ".csv"),
        [
            "100,20,400,20,400,45,100,45,KEDAI RUNCIT MAJU SDN BHD",
            "90,50,410,50,410,75,90,75,NO 12, JALAN MERANTI 3,",
            "110,80,390,80,390,105,110,105,81100 JOHOR BAHRU, JOHOR",
            "40,140,260,140,260,165,40,165,DATE: " + date,
            "40,200,120,200,120,225,40,225,TOTAL",
            "380,200,460,200,460,225,380,225," + total,
        ]);
        File.WriteAllText(Path.Combine(_dir, "key", number + ".json"),
            $$"""{ "company": "KEDAI RUNCIT MAJU SDN BHD", "date": "{{date}}", "address": "NO 12, JALAN MERANTI 3, 81100 JOHOR BAHRU, JOHOR", "total": "{{total}}" }""");
    }

    [Fact]
    public async Task Eval_SroieFolder_PrintsBothHalvesAndTheCalibrationTable()
    {
        Receipt("001", "9.00", "25/12/2018");
        Receipt("400", "12.50", "03/01/2019");
        var console = new TestConsole { Profile = { Width = 200 } };
        var report = Path.Combine(_dir, "report.json");

        var exit = await CliApp.RunAsync(["eval", _dir, "--out", report], console);

        Assert.Equal(CliApp.Ok, exit);
        Assert.Contains("SROIE receipts", console.Output, StringComparison.Ordinal);
        Assert.Contains("Calibration", console.Output, StringComparison.Ordinal);
        var json = JObject.Parse(File.ReadAllText(report));
        var halves = (JArray)json["sroie"]!;
        Assert.Equal(["sroie-test", "sroie-dev"], halves.Select(h => (string)h["half"]!));
        Assert.All(halves, h => Assert.Equal(1, (int)h["receipts"]!));
        Assert.Equal(1, (int)halves[0]["fields"]!.Single(f => (string)f["key"]! == "total")["correct"]!);
        Assert.NotNull(json["calibration"]!["sroie-test"]);
    }
}
