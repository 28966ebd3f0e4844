using System.Globalization;
using CustomsFn.Core.Contract;
using Spectre.Console;

namespace CustomsFn.Cli.Commands;

internal static class Summary
{
    public static Table Table(IEnumerable<ProcessedFile> files)
    {
        var table = new Table().AddColumns("Input", "Format", "Type", "Status", "Err", "Warn", "Info", "First finding");
        foreach (var f in files.OrderBy(f => f.Input, StringComparer.Ordinal))
        {
            var r = f.Result;
            var c = FindingCounts.Of(r.Findings);
            var first = r.Findings.OrderBy(x => x.Severity).FirstOrDefault();
            table.AddRow(
                Markup.Escape(Path.GetFileName(f.Input)),
                r.Format,
                r.DocumentType,
                r.Status switch
                {
                    ResultStatus.Accepted => "[green]accepted[/]",
                    ResultStatus.NeedsReview => "[yellow]needs-review[/]",
                    _ => "[red]rejected[/]",
                },
                c.Error.ToString(CultureInfo.InvariantCulture),
                c.Warning.ToString(CultureInfo.InvariantCulture),
                c.Info.ToString(CultureInfo.InvariantCulture),
                first is null ? "" : Markup.Escape($"{first.Rule}: {Truncate(first.Message, 70)}"));
        }
        return table;
    }

    /// <summary>One document for --json: what a script needs to act on it, and where its full result is.</summary>
    public static string JsonLine(ProcessedFile f)
    {
        var r = f.Result;
        return Newtonsoft.Json.JsonConvert.SerializeObject(new
        {
            documentId = r.DocumentId,
            source = f.Input,
            status = StatusText(r.Status),
            format = r.Format,
            documentType = r.DocumentType,
            findingCounts = FindingCounts.Of(r.Findings),
            resultFile = f.OutputPath,
        }, Newtonsoft.Json.Formatting.None, new Newtonsoft.Json.JsonSerializerSettings
        {
            ContractResolver = new Newtonsoft.Json.Serialization.CamelCasePropertyNamesContractResolver(),
        });
    }

    private static string StatusText(ResultStatus status) => status switch
    {
        ResultStatus.Accepted => "accepted",
        ResultStatus.NeedsReview => "needs-review",
        _ => "rejected",
    };

    public static string Line(IReadOnlyCollection<ProcessedFile> files, string outDir)
    {
        int a = 0, n = 0, r = 0;
        foreach (var f in files)
        {
            switch (f.Result.Status)
            {
                case ResultStatus.Accepted: a++; break;
                case ResultStatus.NeedsReview: n++; break;
                default: r++; break;
            }
        }
        return $"{files.Count} document{(files.Count == 1 ? "" : "s")}: {a} accepted, {n} needs-review, {r} rejected. Results in {outDir}";
    }

    private static string Truncate(string s, int max) => s.Length <= max ? s : s[..(max - 1)] + "…";
}
