using System.Globalization;
using System.Xml.Linq;
using CustomsFn.Core.Conformance;
using CustomsFn.Core.Contract;
using CustomsFn.Core.Extraction.Cii;
using CustomsFn.Core.Extraction.FacturX;
using CustomsFn.Core.Foundation;
using CustomsFn.Core.Sniffing;
using CustomsFn.Core.Xml;
using Spectre.Console;
using Spectre.Console.Cli;

namespace CustomsFn.Cli.Commands;

/// <summary>
/// <c>customs validate &lt;file&gt;</c>: only the EN 16931 conformance verdict, one line per failed rule
/// (<c>[rule id] severity location: message</c>), then VALID or INVALID. Exit 0 valid (warnings allowed), 1 invalid, 2 when
/// the file is not an e-invoice the rules apply to.
/// </summary>
public sealed class ValidateCommand(IAnsiConsole console) : Command<ValidateSettings>
{
    public const int NotApplicable = CliApp.BadUsage;

    public override int Execute(CommandContext context, ValidateSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var bytes = File.ReadAllBytes(settings.File);
        XDocument xml;
        var prefix = string.Empty;
        try
        {
            var sniff = DocumentSniffer.Sniff(bytes);
            if (sniff.IsPdf)
            {
                if (FacturXExtractor.FindEmbeddedInvoice(bytes, out var choice) is not { } embedded)
                    return Fail("the PDF embeds no invoice XML (not a Factur-X / ZUGFeRD / XRechnung hybrid).");
                prefix = embedded.FileName + "!";
                console.WriteLine($"embedded invoice: {embedded.FileName}{(choice is null ? "" : " (" + choice + ")")}");
                bytes = embedded.Bytes.ToArray();
            }
            xml = SecureXml.Load(bytes);
        }
        catch (DocumentRejectedException ex)
        {
            return Fail(ex.Message);
        }

        var root = xml.Root!;
        if (Zugferd1.IsZugferd1(root)) return Fail("ZUGFeRD 1.0 predates EN 16931; the EN 16931 business rules do not apply to it.");
        var specification = settings.Specification ?? Profiles.SpecificationOf(root);
        if (Profiles.HasNoLines(specification))
            return Fail($"profile '{specification}' is below EN 16931 (no invoice lines by definition); the EN 16931 business rules do not apply to it.");
        if (ConformanceValidator.Default.Validate(xml, settings.Specification, cancellationToken) is not { } report)
            return Fail($"'{root.Name.LocalName}' ({root.Name.NamespaceName}) is not a UBL Invoice / CreditNote or a CII CrossIndustryInvoice.");

        foreach (var f in report.Findings)
        {
            var where = prefix + f.Location + (f.Line is { } line ? string.Create(CultureInfo.InvariantCulture, $" (line {line})") : "");
            console.WriteLine($"[{f.RuleId}] {(f.Severity == Severity.Error ? "error" : "warning")} {where}: {f.Message}");
        }
        var errors = report.Findings.Count(f => f.Severity == Severity.Error);
        var warnings = report.Findings.Count - errors;
        console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{(report.IsValid ? "VALID" : "INVALID")}: {errors} error(s), {warnings} warning(s); rule set {report.Label}{(specification is null ? "" : ", specification " + specification)}"));
        return report.IsValid ? CliApp.Ok : CliApp.Failure;
    }

    private int Fail(string why)
    {
        console.WriteLine("NOT APPLICABLE: " + why);
        return NotApplicable;
    }
}
