using System.Globalization;

namespace CustomsFn.Core.Rules;

/// <summary>The document under check, what is known around it, and the findings reported so far.</summary>
public sealed class RuleContext
{
    private readonly List<Finding> _findings = [];

    public RuleContext(ExtractedDocument document, DateOnly today, string? destinationOverride = null)
    {
        Document = document;
        Today = today;
        Destination = CountryCode.TryParse(destinationOverride, out var d) ? d.Value
            : CountryCode.TryParse(document.Fields.GetText(FieldNames.DestinationCountry), out d) ? d.Value
            : CountryCode.TryParse(document.Fields.GetText(FieldNames.BuyerCountry), out d) ? d.Value
            : null;
    }

    public ExtractedDocument Document { get; }
    public FieldSet Fields => Document.Fields;
    public IReadOnlyList<FieldSet> Lines => Document.Lines;
    public DateOnly Today { get; }

    /// <summary>The uploaded document's id (content hash) when known; duplicate detection uses it.</summary>
    public string? DocumentId { get; init; }

    /// <summary>The duty estimate, set by the duty rule when a national tariff is loaded for the destination.</summary>
    public DutyEstimate? Duties { get; set; }

    /// <summary>The document's issue date when it is a valid date, else today: tariffs are looked up as of this date.</summary>
    public DateOnly DocumentDate => _documentDate ??=
        DateOnly.TryParseExact(Fields.GetText(FieldNames.IssueDate), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : Today;

    private DateOnly? _documentDate;

    private HsCode?[]? _hsCodes;
    private bool[]? _hsParsed;

    /// <summary>The line's HS code when it is well formed, parsed once per document for every rule that needs it.</summary>
    public HsCode? LineHsCode(int index)
    {
        _hsCodes ??= new HsCode?[Lines.Count];
        _hsParsed ??= new bool[Lines.Count];
        if (_hsParsed[index]) return _hsCodes[index];
        _hsParsed[index] = true;
        return _hsCodes[index] = HsCode.TryParse(Lines[index].GetText(FieldNames.HsCode), out var code) ? code : null;
    }

    /// <summary>The origin of a line: its own origin, else the shipment's origin, else the seller's country.</summary>
    public string? LineOrigin(int index) =>
        CountryCode.TryParse(Lines[index].GetText(FieldNames.OriginCountry), out var o) ? o.Value : Export;

    /// <summary>The importing country: blob metadata override, else the delivery country, else the buyer's country.</summary>
    public string? Destination { get; }

    /// <summary>The exporting country: the stated origin, else the seller's country.</summary>
    public string? Export => _exportRead ? _export : ReadExport();

    private string? _export;
    private bool _exportRead;

    private string? ReadExport()
    {
        _export = CountryCode.TryParse(Fields.GetText(FieldNames.OriginCountry), out var o) ? o.Value
            : CountryCode.TryParse(Fields.GetText(FieldNames.SellerCountry), out o) ? o.Value : null;
        _exportRead = true;
        return _export;
    }

    /// <summary>True unless both ends are known and equal (or both in the EU single market): only then is the invoice domestic.</summary>
    public bool IsCrossBorder
    {
        get
        {
            var from = Export;
            var to = Destination;
            if (from is null || to is null) return true;
            if (from == to) return false;
            return !(IsoCountries.EuMembers.Contains(from) && IsoCountries.EuMembers.Contains(to));
        }
    }

    public IReadOnlyList<Finding> Findings => _findings;

    /// <summary>Reports a finding; the evidence source is taken from the field the path names.</summary>
    public void Report(RuleInfo rule, string path, string message, string? reference = null, Severity? severity = null) =>
        _findings.Add(Create(rule, path, message, reference, severity));

    /// <summary>Reports a sanctions finding with the list entry it matched, as data besides the message.</summary>
    public void Report(RuleInfo rule, string path, string message, string? reference, SanctionsMatch sanctionsMatch) =>
        _findings.Add(Create(rule, path, message, reference, null) with { SanctionsMatch = sanctionsMatch });

    private Finding Create(RuleInfo rule, string path, string message, string? reference, Severity? severity) => new()
    {
        Rule = rule.Id,
        Severity = severity ?? rule.Severity,
        Path = path,
        Message = message,
        Reference = reference ?? rule.Source,
        Source = SourceOf(path),
    };

    public static string LinePath(int index, string field) => string.Create(CultureInfo.InvariantCulture, $"lines[{index}].{field}");

    /// <summary>The source of the field a path names: <c>lines[i].field</c> or a header field (parsed without a regex: it runs per finding).</summary>
    private FieldSource? SourceOf(string path)
    {
        const string prefix = "lines[";
        if (path.StartsWith(prefix, StringComparison.Ordinal))
        {
            var close = path.IndexOf("].", prefix.Length, StringComparison.Ordinal);
            if (close > prefix.Length && close + 2 < path.Length
                && int.TryParse(path.AsSpan(prefix.Length, close - prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var i))
                return i < Lines.Count ? Lines[i].SourceOf(path[(close + 2)..]) : null;
        }
        return Fields.SourceOf(path);
    }
}
