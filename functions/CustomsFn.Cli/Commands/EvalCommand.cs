using System.Globalization;
using CustomsFn.Core;
using CustomsFn.Core.Evaluation;
using Newtonsoft.Json;
using Newtonsoft.Json.Serialization;
using Spectre.Console;
using Spectre.Console.Cli;

namespace CustomsFn.Cli.Commands;

/// <summary><c>customs eval</c>: extraction accuracy of the embedded engine against expected results.</summary>
public sealed class EvalCommand(IAnsiConsole console) : AsyncCommand<EvalSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, EvalSettings settings, CancellationToken cancellationToken)
    {
        var documents = settings.Folders.SelectMany(ExpectedSet.Load).ToList();
        if (documents.Count == 0)
        {
            console.MarkupLine("[red]error:[/] No labelled documents found (expected/<file>.expected.json, or tests/compare/<name>.json beside <name>.pdf).");
            return CliApp.BadUsage;
        }
        var processor = CustomsDefaults.CreateProcessor();
        EvaluationReport report = null!;
        await console.Status().StartAsync($"Evaluating {documents.Count} documents", async ctx =>
        {
            report = await ExtractionEvaluator.EvaluateAsync(processor, documents, d => ctx.Status($"Evaluating {Markup.Escape(d.Name)}"), cancellationToken).ConfigureAwait(false);
        }).ConfigureAwait(false);

        Write(console, report, settings.Details);
        if (settings.Out is { } path)
        {
            var dir = Path.GetDirectoryName(Path.GetFullPath(path));
            if (dir is not null) Directory.CreateDirectory(dir);
            var json = JsonConvert.SerializeObject(new
            {
                report.LineItemScore, report.GoodsLinesExpected, report.GoodsLinesCorrect,
                keyFieldDocumentRate = report.Documents.Select(d => d.Set).Distinct().ToDictionary(s => s, report.KeyFieldDocumentRate),
                fields = report.Fields.Select(Json), languages = report.Languages.Select(Json), formats = report.Formats.Select(Json),
                lineFields = report.LineFields.Select(Json), documents = report.Documents,
            }, new JsonSerializerSettings { ContractResolver = new CamelCasePropertyNamesContractResolver(), Formatting = Formatting.Indented });
            await File.WriteAllTextAsync(path, json, cancellationToken).ConfigureAwait(false);
            console.MarkupLineInterpolated($"Report written to [blue]{path}[/]");
        }
        return CliApp.Ok;
    }

    private static object Json(FieldScore s) => new { s.Key, s.Expected, s.Predicted, s.Correct, s.Precision, s.Recall, s.ExactMatch };

    internal static void Write(IAnsiConsole console, EvaluationReport report, bool details)
    {
        console.Write(Scores("Field", report.Fields));
        console.Write(Scores("Language", report.Languages));
        console.Write(Scores("Format", report.Formats));
        console.Write(Scores("Line field", report.LineFields));

        var sets = new Table().Title("Documents").AddColumns("Set", "Documents", "Key fields right (number, date, total, currency)", "Goods lines right");
        foreach (var g in report.Documents.GroupBy(d => d.Set))
        {
            var expected = g.Sum(d => d.LinesExpected);
            sets.AddRow(g.Key, g.Count().ToString(CultureInfo.InvariantCulture), Pct(report.KeyFieldDocumentRate(g.Key)),
                expected == 0 ? "-" : $"{g.Sum(d => d.LinesCorrect)}/{expected} ({Pct((double)g.Sum(d => d.LinesCorrect) / expected)})");
        }
        console.Write(sets);
        console.MarkupLineInterpolated($"Line items (description, quantity, unit price, amount all right): [bold]{report.GoodsLinesCorrect}/{report.GoodsLinesExpected}[/] = [bold]{Pct(report.LineItemScore)}[/]");

        if (!details) return;
        var table = new Table().Title("Per document").AddColumns("Document", "Format", "Lang", "Fields", "Lines", "Type", "Wrong");
        foreach (var d in report.Documents)
        {
            table.AddRow(Markup.Escape(d.Name), d.Format, d.Language ?? "?", $"{d.FieldsCorrect}/{d.FieldsExpected}", d.LinesExpected == 0 ? "-" : $"{d.LinesCorrect}/{d.LinesExpected}",
                Markup.Escape(d.DocumentType + (d.ExpectedDocumentType is { } e && e != d.DocumentType ? $" (expected {e})" : "")),
                Markup.Escape(string.Join("\n", d.Errors)));
        }
        console.Write(table);
    }

    private static Table Scores(string title, IReadOnlyList<FieldScore> scores)
    {
        var table = new Table().Title(title + "s").AddColumns(title, "Expected", "Predicted", "Correct", "Precision", "Recall", "Exact match");
        foreach (var s in scores)
            table.AddRow(Markup.Escape(s.Key), N(s.Expected), N(s.Predicted), N(s.Correct), Pct(s.Precision), Pct(s.Recall), Pct(s.ExactMatch));
        return table;
    }

    private static string N(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static string Pct(double d) => d.ToString("0.000", CultureInfo.InvariantCulture);
}
