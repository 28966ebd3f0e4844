using System.ComponentModel;
using CustomsFn.Core.Contract;
using CustomsFn.Core.Model;
using CustomsFn.Infrastructure.DocumentIntelligence;
using Spectre.Console;
using Spectre.Console.Cli;

namespace CustomsFn.Cli.Commands;

public sealed class ProcessSettings : CommandSettings
{
    [CommandArgument(0, "<paths>")]
    [Description("Files or folders to process (folders recursively).")]
    public string[] Paths { get; set; } = [];

    [CommandOption("-o|--out <DIR>")]
    [Description("Output folder for <input file name>.result.json (default ./out).")]
    public string Out { get; set; } = "out";

    [CommandOption("-d|--destination <CC>")]
    [Description("Destination country (ISO 3166-1 alpha-2), overriding the documents' own.")]
    public string? Destination { get; set; }

    [CommandOption("--engine <ENGINE>")]
    [Description("Extraction engine: local (embedded, the default), document-intelligence (PDFs and images to Azure AI Document Intelligence) or auto (the service for scans, local otherwise and when the service fails). The service is configured by DocumentIntelligence__Endpoint and DocumentIntelligence__Key environment variables.")]
    public string? Engine { get; set; }

    [CommandOption("-q|--quiet")]
    [Description("Print only the summary line.")]
    public bool Quiet { get; set; }

    [CommandOption("--fail-on <STATUS>")]
    [Description("Exit 1 when any document's status is this or worse: rejected, or needs-review (rejected too). Default: exit 0 whenever every input got a result.")]
    public string? FailOn { get; set; }

    [CommandOption("--json")]
    [Description("Machine-readable output: one JSON object per document on standard output (documentId, source, status, format, documentType, findingCounts, resultFile), nothing else.")]
    public bool Json { get; set; }

    /// <summary>The status at or above which --fail-on fails the run (null: never).</summary>
    public ResultStatus? FailOnStatus => FailOn switch
    {
        "rejected" => ResultStatus.Rejected,
        "needs-review" => ResultStatus.NeedsReview,
        _ => null,
    };

    public override ValidationResult Validate()
    {
        if (Paths.Length == 0) return ValidationResult.Error("Give at least one file or folder.");
        foreach (var p in Paths)
        {
            if (!File.Exists(p) && !Directory.Exists(p)) return ValidationResult.Error($"'{p}' is neither a file nor a folder.");
        }
        if (FailOn is not null && FailOnStatus is null)
            return ValidationResult.Error($"--fail-on '{FailOn}' is not one of rejected, needs-review.");
        if (Destination is not null && !CountryCode.IsValid(Destination))
            return ValidationResult.Error($"--destination '{Destination}' is not an ISO 3166-1 alpha-2 country code.");
        if (Engine is not null && ExtractionEngines.Normalize(Engine) is null)
            return ValidationResult.Error($"--engine '{Engine}' is not one of {string.Join(", ", ExtractionEngines.All)}.");
        try
        {
            // The engine with its configuration (DocumentIntelligence__* environment variables): a missing endpoint is bad usage.
            using var engine = ProcessCommand.CreateEngine(Engine);
        }
        catch (InvalidOperationException ex)
        {
            return ValidationResult.Error(ex.Message);
        }
        return ValidationResult.Success();
    }
}
