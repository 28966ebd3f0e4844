using System.Globalization;
using CustomsFn.Core;
using CustomsFn.Core.Evaluation;
using CustomsFn.Core.Evaluation.Sroie;
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
        var sroieFolders = settings.Folders.Where(SroieSet.IsSroieFolder).ToList();
        var documents = settings.Folders.Except(sroieFolders).SelectMany(ExpectedSet.Load).ToList();
        var receipts = sroieFolders.SelectMany(SroieSet.Load).ToList();
        if (documents.Count == 0 && receipts.Count == 0)
        {
            console.MarkupLine("[red]error:[/] No labelled documents found (expected/<file>.expected.json, or tests/compare/<name>.json beside <name>.pdf).");
            return CliApp.BadUsage;
        }
        SroieReport? sroie = null;
        if (receipts.Count > 0)
        {
            sroie = SroieEvaluator.Evaluate(receipts);
            WriteSroie(console, sroie);
        }
        string? scanFolder = null;
        if (settings.AsScans is { IsSet: true } scans && documents.Count > 0)
        {
            var dpi = scans.Value == 0 ? DefaultScanDpi : scans.Value;
            scanFolder = Path.Combine(Path.GetTempPath(), "customsfn-eval-scans-" + Guid.NewGuid().ToString("N"));
            try
            {
                documents = await ScanRendering.AsScansAsync(documents, dpi, scanFolder, damage: settings.DamageKind ?? ScanDamageKind.None, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is InvalidOperationException or TimeoutException)
            {
                console.MarkupLineInterpolated($"[red]error:[/] {ex.Message}");
                Directory.Delete(scanFolder, recursive: true);
                return CliApp.Failure;
            }
            console.MarkupLineInterpolated($"Rendered {documents.Count} PDF document(s) at {dpi} dpi ({settings.DamageKind switch { ScanDamageKind.Scan => "damaged as office scans", ScanDamageKind.Photo => "damaged as phone photos", _ => "clean" }}); scored as scans.");
        }
        try
        {
            return await EvaluateAsync(settings, documents, sroie, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (scanFolder is not null && Directory.Exists(scanFolder)) Directory.Delete(scanFolder, recursive: true);
        }
    }

    /// <summary>The resolution <c>--as-scans</c> renders at when given none: a common office-scanner setting.</summary>
    public const int DefaultScanDpi = 200;

    private async Task<int> EvaluateAsync(EvalSettings settings, List<ExpectedDocument> documents, SroieReport? sroie, CancellationToken cancellationToken)
    {
        EvaluationReport? report = null;
        if (documents.Count > 0)
        {
            var options = new Core.Pipeline.PipelineOptions();
            options.Ocr.Engine = settings.OcrEngineKind ?? Core.Extraction.Ocr.OcrEngineKind.Auto;
            var processor = CustomsDefaults.CreateProcessor(options);
            await console.Status().StartAsync($"Evaluating {documents.Count} documents", async ctx =>
            {
                report = await ExtractionEvaluator.EvaluateAsync(processor, documents, d => ctx.Status($"Evaluating {Markup.Escape(d.Name)}"), cancellationToken).ConfigureAwait(false);
            }).ConfigureAwait(false);
            Write(console, report!, settings.Details);
        }
        var calibration = Calibrations(report, sroie);
        WriteCalibration(console, calibration);
        if (settings.Out is { } path)
        {
            var dir = Path.GetDirectoryName(Path.GetFullPath(path));
            if (dir is not null) Directory.CreateDirectory(dir);
            var json = JsonConvert.SerializeObject(new
            {
                report?.LineItemScore, report?.GoodsLinesExpected, report?.GoodsLinesCorrect,
                keyFieldDocumentRate = report?.Documents.Select(d => d.Set).Distinct().ToDictionary(s => s, report.KeyFieldDocumentRate),
                fields = report?.Fields.Select(Json), languages = report?.Languages.Select(Json), formats = report?.Formats.Select(Json),
                lineFields = report?.LineFields.Select(Json), setFields = report?.SetFields.Select(Json),
                sets = report?.Documents.Select(d => d.Set).Distinct().ToDictionary(s => s, s => new
                {
                    header = report.Set(s) is { } h ? Json(h) : null, goodsLinesExpected = report.Documents.Where(d => d.Set == s).Sum(d => d.LinesExpected),
                    goodsLinesCorrect = report.Documents.Where(d => d.Set == s).Sum(d => d.LinesCorrect), lineItemScore = report.LineItemScoreForSet(s),
                }),
                documents = report?.Documents,
                sroie = sroie is null ? null : new[] { sroie.Test, sroie.Development }.Select(h => new { h.Half, h.Receipts, h.MeanAddressOverlap, fields = h.Fields.Select(Json) }),
                calibration,
            }, new JsonSerializerSettings { ContractResolver = new CamelCasePropertyNamesContractResolver(), Formatting = Formatting.Indented });
            await File.WriteAllTextAsync(path, json, cancellationToken).ConfigureAwait(false);
            console.MarkupLineInterpolated($"Report written to [blue]{path}[/]");
        }
        return CliApp.Ok;
    }

    /// <summary>The reliability tables: one per set (SROIE halves, invoice2data, project), values with a confidence only.</summary>
    internal static Dictionary<string, CalibrationTable> Calibrations(EvaluationReport? report, SroieReport? sroie)
    {
        var values = new List<ScoredValue>();
        if (sroie is not null) values.AddRange(sroie.Values);
        if (report is not null) values.AddRange(report.Values);
        return values.Where(v => v.Confidence is not null).GroupBy(v => v.Set)
            .OrderBy(g => g.Key == SroieSet.TestHalf ? 0 : g.Key == SroieSet.DevelopmentHalf ? 2 : 1).ThenBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => CalibrationTable.Of(g.Select(v => (v.Confidence!.Value, v.Correct))), StringComparer.Ordinal);
    }

    internal static void WriteSroie(IAnsiConsole console, SroieReport sroie)
    {
        var table = new Table().Title("SROIE receipts (test half 313-625 held out; development half 000-312)")
            .AddColumns("Half", "Receipts", "Total exact", "Date exact", "Company exact", $"Address token F1 >= {SroieScoring.AddressThreshold:0.0#}", "Mean address F1");
        foreach (var h in new[] { sroie.Test, sroie.Development })
            table.AddRow(h.Half, N(h.Receipts), Pct(h.Accuracy(SroieEvaluator.Total)), Pct(h.Accuracy(SroieEvaluator.Date)), Pct(h.Accuracy(SroieEvaluator.Company)),
                Pct(h.Accuracy(SroieEvaluator.Address)), Pct(h.MeanAddressOverlap));
        console.Write(table);
    }

    internal static void WriteCalibration(IAnsiConsole console, IReadOnlyDictionary<string, CalibrationTable> tables)
    {
        if (tables.Count == 0) return;
        var table = new Table().Title("Calibration (header values read and labelled: right share per confidence band)")
            .AddColumns(["Set", .. CalibrationTable.Edges.Zip(CalibrationTable.Edges.Skip(1)).Select(e => $"[[{e.First:0.00}, {Math.Min(e.Second, 1):0.00}{(e.Second > 1 ? "]]" : ")")}"), "ECE", ">= 0.90 right"]);
        foreach (var (set, t) in tables)
            table.AddRow([set, .. t.Bands.Select(b => b.Values == 0 ? "-" : $"{Pct(b.Accuracy)} ({N(b.Values)})"), Pct(t.ExpectedCalibrationError),
                t.HighValues == 0 ? "-" : $"{Pct(t.HighAccuracy)} ({N(t.HighRight)}/{N(t.HighValues)})"]);
        console.Write(table);
    }

    private static object Json(FieldScore s) => new { s.Key, s.Expected, s.Predicted, s.Correct, s.Precision, s.Recall, s.ExactMatch };

    internal static void Write(IAnsiConsole console, EvaluationReport report, bool details)
    {
        console.Write(Scores("Field", report.Fields));
        console.Write(Scores("Language", report.Languages));
        console.Write(Scores("Format", report.Formats));
        console.Write(Scores("Line field", report.LineFields));
        // The layout families' splits side by side (issue #19): per field, the held-out families first.
        var familySets = report.Documents.Select(d => d.Set).Distinct().Where(s => s.StartsWith(ExpectedSet.FamiliesSet, StringComparison.Ordinal))
            .OrderBy(s => s == ExpectedSet.FamiliesSet + "held-out" ? 0 : 1).ThenBy(s => s, StringComparer.Ordinal).ToList();
        if (familySets.Count > 0)
        {
            var perSet = new Table().Title("Fields per layout-family split (exact match; held-out families were never trained or tuned on)")
                .AddColumns(["Field", .. familySets.Select(Markup.Escape)]);
            var names = report.SetFields.Where(f => familySets.Any(s => f.Key.StartsWith(s + "/", StringComparison.Ordinal)))
                .Select(f => f.Key[(f.Key.LastIndexOf('/') + 1)..]).Distinct().Order(StringComparer.Ordinal);
            foreach (var name in names)
                perSet.AddRow([Markup.Escape(name), .. familySets.Select(s => report.SetFields.FirstOrDefault(f => f.Key == s + "/" + name) is { } f ? $"{Pct(f.ExactMatch)} ({N(f.Correct)}/{N(f.Union)})" : "-")]);
            perSet.AddRow(["[bold]header fields[/]", .. familySets.Select(s => report.Set(s) is { } f ? $"[bold]{Pct(f.ExactMatch)}[/] ({N(f.Correct)}/{N(f.Union)})" : "-")]);
            perSet.AddRow(["[bold]goods lines fully right[/]", .. familySets.Select(s =>
            {
                var docs = report.Documents.Where(d => d.Set == s).ToList();
                return $"[bold]{Pct(report.LineItemScoreForSet(s))}[/] ({N(docs.Sum(d => d.LinesCorrect))}/{N(docs.Sum(d => d.LinesExpected))})";
            })]);
            console.Write(perSet);
        }

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
            table.AddRow(Markup.Escape(d.Name), d.Format, Markup.Escape((d.Language ?? "?") + (d.OcrModels is { } m ? $" (ocr {m})" : "")), $"{d.FieldsCorrect}/{d.FieldsExpected}", d.LinesExpected == 0 ? "-" : $"{d.LinesCorrect}/{d.LinesExpected}",
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
