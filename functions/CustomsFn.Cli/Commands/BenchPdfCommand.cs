using System.ComponentModel;
using System.Globalization;
using CustomsFn.Core.Extraction.Pdf;
using Spectre.Console;
using Spectre.Console.Cli;

namespace CustomsFn.Cli.Commands;

public sealed class BenchPdfSettings : CommandSettings
{
    [CommandArgument(0, "<paths>")]
    [Description("PDF files or folders (recursively); image-only PDFs are left out.")]
    public string[] Paths { get; set; } = [];

    [CommandOption("-r|--rounds <N>")]
    [Description("Rounds over all files (default 5).")]
    public int Rounds { get; set; } = 5;

    public override ValidationResult Validate()
    {
        if (Paths.Length == 0) return ValidationResult.Error("Give at least one file or folder.");
        if (Rounds is < 1 or > 1000) return ValidationResult.Error("--rounds is between 1 and 1000.");
        return Paths.FirstOrDefault(p => !File.Exists(p) && !Directory.Exists(p)) is { } bad
            ? ValidationResult.Error($"'{bad}' is neither a file nor a folder.")
            : ValidationResult.Success();
    }
}

/// <summary><c>customs bench-pdf</c>: text-PDF pages/s of the local extractor against PdfPig's bare word extraction.</summary>
public sealed class BenchPdfCommand(IAnsiConsole console) : Command<BenchPdfSettings>
{
    public override int Execute(CommandContext context, BenchPdfSettings settings, CancellationToken cancellationToken)
    {
        var files = settings.Paths.SelectMany(p => Directory.Exists(p) ? Directory.EnumerateFiles(p, "*.pdf", SearchOption.AllDirectories) : [p])
            .Order(StringComparer.Ordinal).ToList();
        var pdfs = PdfBenchmark.TextPdfs(files);
        if (pdfs.Count == 0)
        {
            console.MarkupLine("[red]error:[/] No text PDFs among the inputs.");
            return CliApp.BadUsage;
        }
        var r = PdfBenchmark.Run(pdfs, settings.Rounds, cancellationToken);
        var table = new Table().AddColumns("what", "pages/s");
        table.AddRow("PdfPig bare word extraction (floor)", r.BarePagesPerSecond.ToString("0.0", CultureInfo.InvariantCulture));
        table.AddRow("local text-PDF extraction (words, lines, fields, tables)", r.PipelinePagesPerSecond.ToString("0.0", CultureInfo.InvariantCulture));
        console.Write(table);
        console.MarkupLineInterpolated($"{r.Documents} documents, {r.Pages} pages, {r.Rounds} rounds, one thread: pipeline/bare time ratio [bold]{r.Ratio.ToString("0.00", CultureInfo.InvariantCulture)}x[/] (target <= 1.5x)");
        return CliApp.Ok;
    }
}
