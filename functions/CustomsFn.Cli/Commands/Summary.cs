using System.Globalization;
using CustomsFn.Core.Contract;
using Spectre.Console;

namespace CustomsFn.Cli.Commands;

internal static class Summary
{
    /// <summary>Below this many columns the table drops the format and folds the finding counts into one column.</summary>
    public const int WideWidth = 120;

    /// <summary>One line per document, fitted to <paramref name="width"/> columns (the terminal's).</summary>
    public static Table Table(IEnumerable<ProcessedFile> files, int width)
    {
        var wide = width >= WideWidth;
        var ordered = files.OrderBy(f => f.Input, StringComparer.Ordinal).ToList();
        // A file name shared by several inputs (invoice.xml in every shipment folder) is shown with its folder.
        var repeated = ordered.GroupBy(f => Path.GetFileName(f.Input), StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
        string Name(string input) => repeated.Contains(Path.GetFileName(input))
            ? Path.GetFileName(Path.GetDirectoryName(input)) + "/" + Path.GetFileName(input)
            : Path.GetFileName(input);
        var rows = new List<IReadOnlyList<FitCell>>();
        foreach (var f in ordered)
        {
            var r = f.Result;
            var c = FindingCounts.Of(r.Findings);
            var first = r.Findings.OrderBy(x => x.Severity).FirstOrDefault();
            var status = r.Status switch
            {
                ResultStatus.Accepted => new FitCell("accepted", "green"),
                ResultStatus.NeedsReview => new FitCell("needs-review", "yellow"),
                _ => new FitCell("rejected", "red"),
            };
            rows.Add(wide
                ?
                [
                    Name(f.Input), r.Format, r.DocumentType, status,
                    c.Error.ToString(CultureInfo.InvariantCulture), c.Warning.ToString(CultureInfo.InvariantCulture), c.Info.ToString(CultureInfo.InvariantCulture),
                    first is null ? "" : $"{first.Rule}: {first.Message}",
                ]
                :
                [
                    Name(f.Input), r.DocumentType, status, Counts(c), first?.Rule ?? "",
                ]);
        }
        FitColumn[] columns = wide
            ? [new("Input", 16, CutStart: true), new("Format"), new("Type", 10), new("Status"), new("Err"), new("Warn"), new("Info"), new("First finding", 20)]
            : [new("Input", 10, CutStart: true), new("Type", 8), new("Status"), new("E/W/I"), new("First finding")];
        return FittedTable.Build(columns, rows, width);
    }

    private static string Counts(FindingCounts c) =>
        string.Create(CultureInfo.InvariantCulture, $"{c.Error}/{c.Warning}/{c.Info}");

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

}
