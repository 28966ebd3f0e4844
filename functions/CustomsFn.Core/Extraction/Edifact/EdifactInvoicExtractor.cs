using System.Globalization;
using CustomsFn.Core.Sniffing;

namespace CustomsFn.Core.Extraction.Edifact;

/// <summary>
/// Reads UN/EDIFACT INVOIC messages (D14B as bound by EN 16931-3-4, D96A and the other directories that share its segments)
/// into canonical fields. Sources are <c>{ path: "segment[n]/TAG", line: n }</c> (n = segment number in the interchange, UNA excluded).
/// <list type="bullet">
/// <item>BGM document code and number; DTM+137 issue date (formats 102, 203, 204); CUX+2 currency.</item>
/// <item>NAD+SE/SU seller, NAD+BY buyer (name, street, city, postcode, subdivision, country), RFF+VA in the party group as tax id; NAD+DP/ST country as destination.</item>
/// <item>TOD delivery terms (Incoterms code) and LOC+1 place; MEA gross (AAB, G) and net (AAA, N) weights; header ALC with FC (freight) / IN (insurance) and their MOA.</item>
/// <item>LIN lines: PIA items of type HS as HS code, IMD description, QTY+47, MOA+203, PRI+AAA (with basis quantity), ALI origin, MEA net weight, line ALC + MOA+204/23/8.</item>
/// <item>After UNS: MOA+79 line total, 260 allowances, 259 charges, 389 total without tax, 176 tax (else the sum of MOA+124), 388 total (D96A: 77 or 86).</item>
/// </list>
/// Envelope problems that do not stop reading (control counts, references) are reported as warnings; a missing envelope or trailer is a rejection.
/// </summary>
public sealed class EdifactInvoicExtractor : IDocumentExtractor
{
    public const string Name = "local-edifact";
    public const string Version = "1.0.0";
    public const string EnvelopeRule = "EDIFACT-ENVELOPE";
    public const string CharsetRule = "EDIFACT-CHARSET";

    private static readonly HashSet<string> CreditNoteCodes = new(StringComparer.Ordinal) { "81", "83", "261", "262", "296", "308", "381", "396", "420", "458", "532" };

    private readonly EdifactLimits _limits;

    public EdifactInvoicExtractor(EdifactLimits? limits = null) => _limits = limits ?? EdifactLimits.Default;

    public bool CanExtract(SniffResult sniff) => sniff.Format == DocumentFormat.Edifact;

    public Task<ExtractionResult?> ExtractAsync(ReadOnlyMemory<byte> content, SniffResult sniff, CancellationToken cancellationToken)
    {
        var interchange = EdifactTokenizer.Tokenize(content.Span, _limits);
        return Task.FromResult<ExtractionResult?>(Read(interchange, cancellationToken));
    }

    /// <summary>Checks the envelope and maps the first INVOIC message of a tokenized interchange.</summary>
    public static ExtractionResult Read(EdifactInterchange interchange, CancellationToken cancellationToken = default)
    {
        var findings = new List<Finding>();
        foreach (var note in interchange.Notes) findings.Add(Note(CharsetRule, Severity.Info, note, null));
        var segs = interchange.Segments;
        var (message, messageCount) = CheckEnvelope(segs, findings);
        var unh = message[0];
        var type = unh.Get(1, 0);
        if (type != "INVOIC")
            throw new DocumentRejectedException(InputCodes.UnsupportedDocument,
                $"The EDIFACT message at segment {unh.Number} is of type '{type ?? "(none)"}'; only INVOIC (invoices) is read.");
        if (messageCount > 1)
            findings.Add(Note(EnvelopeRule, Severity.Warning, $"The interchange holds {messageCount} messages; only the first (segment {unh.Number}) was read. Upload one invoice per file.", unh));

        var version = $"{unh.Get(1, 1)}{unh.Get(1, 2)}";
        var bgm = message.FirstOrDefault(s => s.Tag == "BGM");
        var code = bgm?.Get(0, 0);
        var doc = new ExtractedDocument
        {
            Format = DocumentFormat.Edifact,
            DocumentType = code is not null && CreditNoteCodes.Contains(code) ? DocumentType.CreditNote : DocumentType.CommercialInvoice,
            Extractor = new ExtractorInfo(Name, Version),
        };
        new Mapper(doc, interchange.Separators).Map(message, cancellationToken);
        if (version.Length > 0 && version is not ("D14B" or "D96A" or "D01B" or "D16A" or "D16B" or "D93A" or "D97A" or "D99B" or "D00A" or "D01A"))
            findings.Add(Note(EnvelopeRule, Severity.Info, $"INVOIC directory {version} was read with the D14B/D96A segment mapping.", unh));
        return new ExtractionResult(doc, findings);
    }

    /// <summary>UNB ... UNH ... UNT ... UNZ: returns the first message's segments (UNH to UNT) and the number of messages.</summary>
    private static (List<EdifactSegment> Message, int Count) CheckEnvelope(IReadOnlyList<EdifactSegment> segs, List<Finding> findings)
    {
        var first = segs[0];
        if (first.Tag != "UNB")
            throw EdifactTokenizer.Malformed($"the interchange starts with {first.Tag}, not with the UNB interchange header", first.Number, first.Line);
        List<EdifactSegment>? firstMessage = null;
        var count = 0;
        List<EdifactSegment>? open = null;
        foreach (var s in segs.Skip(1))
        {
            switch (s.Tag)
            {
                case "UNH":
                    if (open is not null) throw EdifactTokenizer.Malformed("a UNH message header starts before the previous message's UNT trailer", s.Number, s.Line);
                    open = [s];
                    break;
                case "UNT":
                    if (open is null) throw EdifactTokenizer.Malformed("a UNT message trailer without a UNH header", s.Number, s.Line);
                    open.Add(s);
                    count++;
                    var declared = int.TryParse(s.Get(0), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1;
                    if (declared != open.Count)
                        findings.Add(Note(EnvelopeRule, Severity.Warning, $"UNT at segment {s.Number} declares {declared} segments, but the message has {open.Count}: it may be truncated or edited.", s));
                    if (s.Get(1) != open[0].Get(0))
                        findings.Add(Note(EnvelopeRule, Severity.Warning, $"UNT at segment {s.Number} carries a different message reference from its UNH at segment {open[0].Number}.", s));
                    firstMessage ??= open;
                    open = null;
                    break;
                case "UNZ":
                    if (open is not null) throw EdifactTokenizer.Malformed("the UNZ interchange trailer comes before the message's UNT trailer", s.Number, s.Line);
                    if (s.Get(0) != count.ToString(CultureInfo.InvariantCulture))
                        findings.Add(Note(EnvelopeRule, Severity.Warning, $"UNZ at segment {s.Number} declares {s.Get(0) ?? "no"} messages, but the interchange has {count}.", s));
                    if (s.Get(1) != first.Get(4))
                        findings.Add(Note(EnvelopeRule, Severity.Warning, $"UNZ at segment {s.Number} carries a different interchange reference from UNB.", s));
                    if (s.Number != segs.Count)
                        throw EdifactTokenizer.Malformed("segments follow the UNZ interchange trailer", s.Number + 1, segs[s.Number].Line);
                    break;
                case "UNG" or "UNE":
                    break;
                case "UNO" or "UNP" when open is null:
                    // An associated-data package (ISO 9735-8) between messages, e.g. an attached PDF.
                    break;
                default:
                    if (open is null) throw EdifactTokenizer.Malformed($"segment {s.Tag} is outside any message (no UNH before it)", s.Number, s.Line);
                    open.Add(s);
                    break;
            }
        }
        var last = segs[^1];
        if (open is not null) throw EdifactTokenizer.Malformed("the message has no UNT trailer (the interchange is truncated)", last.Number, last.Line);
        if (last.Tag != "UNZ") throw EdifactTokenizer.Malformed("the interchange has no UNZ trailer (it is truncated)", last.Number, last.Line);
        if (firstMessage is null) throw EdifactTokenizer.Malformed("the interchange holds no message (no UNH)", first.Number, first.Line);
        return (firstMessage, count);
    }

    private static Finding Note(string rule, Severity severity, string message, EdifactSegment? at) => new()
    {
        Rule = rule,
        Severity = severity,
        Path = "document",
        Message = message,
        Reference = "ISO 9735 (UN/EDIFACT syntax)",
        Source = at is null ? null : Source(at),
    };

    internal static FieldSource Source(EdifactSegment s) => FieldSource.Xml(s.Path, s.Number);

    /// <summary>Walks the message's segment groups with a little state (current party, line, allowance/charge, summary section).</summary>
    private sealed class Mapper(ExtractedDocument doc, EdifactSeparators separators)
    {
        private readonly FieldSet _header = doc.Fields;
        private string? _party;
        private FieldSet? _line;
        private (bool Charge, string? Code, string? Text)? _alc;
        private bool _summary;
        private bool _inTaxGroup;
        private decimal? _taxSum;
        private EdifactSegment? _taxSumSource;
        private decimal? _freight, _insurance, _lineAllowances, _lineCharges;
        private EdifactSegment? _freightSource, _insuranceSource, _lineAllowanceSource, _lineChargeSource;

        public void Map(List<EdifactSegment> message, CancellationToken cancellationToken)
        {
            foreach (var s in message)
            {
                cancellationToken.ThrowIfCancellationRequested();
                // A party group (NAD with its LOC, FII, RFF, DOC, CTA, COM, DTM) ends at any other segment.
                if (s.Tag is not ("NAD" or "LOC" or "FII" or "RFF" or "DOC" or "CTA" or "COM" or "DTM")) _party = null;
                switch (s.Tag)
                {
                    case "BGM": Set(_header, FieldNames.InvoiceNumber, s.Get(1, 0), s); break;
                    case "DTM": Dtm(s); break;
                    case "CUX":
                        if (s.Get(0, 0) == "2" && !_header.ContainsKey(FieldNames.Currency)) Set(_header, FieldNames.Currency, s.Get(0, 1), s);
                        break;
                    case "NAD": Nad(s); break;
                    case "RFF":
                        if (_line is null && !_summary && s.Get(0, 0) == "VA" && PartyFields(_party) is { } p) Set(_header, p.TaxId, s.Get(0, 1), s);
                        break;
                    case "TOD":
                        if (_line is null) { Set(_header, FieldNames.Incoterm, s.Get(2, 0)?.ToUpperInvariant(), s); Set(_header, FieldNames.IncotermPlace, s.Get(2, 3), s); }
                        break;
                    case "LOC":
                        if (_line is null && s.Get(0) == "1" && !_header.ContainsKey(FieldNames.IncotermPlace)) Set(_header, FieldNames.IncotermPlace, s.Get(1, 3) ?? s.Get(1, 0), s);
                        break;
                    case "MEA": Mea(s); break;
                    case "ALC":
                        _alc = (s.Get(0) == "C", s.Get(4, 0)?.ToUpperInvariant(), string.Join(' ', new[] { s.Get(1, 0), s.Get(4, 3) }.Where(t => t is not null)));
                        _party = null;
                        break;
                    case "TAX": _inTaxGroup = true; _alc = null; break;
                    case "LIN": StartLine(s); break;
                    case "PIA": Pia(s); break;
                    case "IMD":
                        if (_line is not null && !_line.ContainsKey(FieldNames.Description))
                            Set(_line, FieldNames.Description, string.Concat(new[] { s.Get(2, 3), s.Get(2, 4) }.Where(t => t is not null)), s);
                        break;
                    case "QTY":
                        if (_line is not null && s.Get(0, 0) == "47")
                        {
                            SetNumber(_line, FieldNames.Quantity, s.Get(0, 1), s);
                            Set(_line, FieldNames.UnitCode, s.Get(0, 2), s);
                        }
                        break;
                    case "PRI":
                        if (_line is not null && s.Get(0, 0) == "AAA")
                        {
                            SetNumber(_line, FieldNames.UnitPrice, s.Get(0, 1), s);
                            if (Number(s.Get(0, 4)) is { } b && b != 1m) _line.Set(FieldNames.PriceBaseQuantity, b, null, Source(s));
                        }
                        break;
                    case "ALI":
                        if (_line is not null) Set(_line, FieldNames.OriginCountry, s.Get(0), s);
                        break;
                    case "MOA": Moa(s); break;
                    case "UNS":
                        EndLine();
                        _summary = true; _alc = null; _inTaxGroup = false; _party = null;
                        break;
                }
            }
            EndLine();
            if (!_header.ContainsKey(FieldNames.TaxAmount) && _taxSum is not null) _header.Set(FieldNames.TaxAmount, _taxSum.Value, null, Source(_taxSumSource!));
            if (_freight is not null) _header.Set(FieldNames.FreightAmount, _freight.Value, null, Source(_freightSource!));
            if (_insurance is not null) _header.Set(FieldNames.InsuranceAmount, _insurance.Value, null, Source(_insuranceSource!));
        }

        private void Dtm(EdifactSegment s)
        {
            if (_line is not null || s.Get(0, 0) != "137" || s.Get(0, 1) is not { } value) return;
            var format = s.Get(0, 2) ?? "102";
            var date = format is "102" or "203" or "204" && value.Length >= 8 ? Numbers.ParseIsoDate(value[..8]) : null;
            _header.Set(FieldNames.IssueDate, date ?? value, null, Source(s));
        }

        private void Nad(EdifactSegment s)
        {
            _party = s.Get(0);
            _alc = null;
            _inTaxGroup = false;
            if (_line is not null) return;
            if (_party is "DP" or "ST")
            {
                if (!_header.ContainsKey(FieldNames.DestinationCountry)) Set(_header, FieldNames.DestinationCountry, s.Get(8), s);
                return;
            }
            if (PartyFields(_party) is not { } p) return;
            Set(_header, p.Name, s.Get(3, 0) ?? s.Get(2, 0), s);
            var street = Enumerable.Range(0, 4).Select(i => s.Get(4, i));
            var address = XmlFieldReader.JoinParts(street.Concat([s.Get(5), s.Get(7), s.Get(6, 3)]));
            Set(_header, p.Address, address, s);
            Set(_header, p.Country, s.Get(8), s);
        }

        private static (string Name, string Address, string Country, string TaxId)? PartyFields(string? qualifier) => qualifier switch
        {
            "SE" or "SU" => (FieldNames.SellerName, FieldNames.SellerAddress, FieldNames.SellerCountry, FieldNames.SellerTaxId),
            "BY" => (FieldNames.BuyerName, FieldNames.BuyerAddress, FieldNames.BuyerCountry, FieldNames.BuyerTaxId),
            _ => null,
        };

        private void Mea(EdifactSegment s)
        {
            var target = _line ?? _header;
            var dimension = s.Get(1, 0);
            var value = Number(s.Get(2, 1));
            if (value is null) return;
            var kg = Numbers.ToKilograms(value.Value, s.Get(2, 0));
            if (kg is null) return;
            if (dimension is "AAB" or "G") target.Set(FieldNames.GrossWeightKg, kg.Value, null, Source(s));
            else if (dimension is "AAA" or "N" or "AAF") target.Set(FieldNames.NetWeightKg, kg.Value, null, Source(s));
        }

        private void StartLine(EdifactSegment s)
        {
            EndLine();
            _line = new FieldSet();
            _party = null; _alc = null; _inTaxGroup = false;
            SetNumber(_line, FieldNames.ItemNumber, s.Get(0), s);
            // D96A also allows the HS code in LIN itself (item number type HS).
            if (s.Get(2, 1) == "HS") SetHs(s.Get(2, 0), s);
        }

        private void Pia(EdifactSegment s)
        {
            if (_line is null || _line.ContainsKey(FieldNames.HsCode)) return;
            for (var e = 1; e < s.Elements.Count; e++)
            {
                if (s.Get(e, 1) == "HS" && s.Get(e, 0) is { } code) { SetHs(code, s); return; }
            }
        }

        private void SetHs(string? code, EdifactSegment s)
        {
            if (_line is not null && !string.IsNullOrWhiteSpace(code)) _line.Set(FieldNames.HsCode, XmlFieldReader.NormalizeCommodityCode(code), null, Source(s));
        }

        private void EndLine()
        {
            if (_line is null) return;
            if (_lineAllowances is not null) _line.Set(FieldNames.AllowanceAmount, _lineAllowances.Value, null, Source(_lineAllowanceSource!));
            if (_lineCharges is not null) _line.Set(FieldNames.ChargeAmount, _lineCharges.Value, null, Source(_lineChargeSource!));
            doc.Lines.Add(_line);
            _line = null;
            _lineAllowances = _lineCharges = null;
            _lineAllowanceSource = _lineChargeSource = null;
        }

        private void Moa(EdifactSegment s)
        {
            var qualifier = s.Get(0, 0);
            var text = s.Get(0, 1);
            var amount = Number(text);
            if (text is null) return;
            if (_alc is { } alc && qualifier is "23" or "204" or "8" && amount is { } a)
            {
                var isCharge = qualifier == "23" || (qualifier == "8" && alc.Charge);
                if (_line is not null)
                {
                    if (isCharge) { _lineCharges = (_lineCharges ?? 0) + a; _lineChargeSource ??= s; }
                    else { _lineAllowances = (_lineAllowances ?? 0) + a; _lineAllowanceSource ??= s; }
                }
                else if (isCharge && !_summary)
                {
                    var reason = alc.Text ?? string.Empty;
                    if (alc.Code == "FC" || reason.Contains("freight", StringComparison.OrdinalIgnoreCase)) { _freight = (_freight ?? 0) + a; _freightSource ??= s; }
                    else if (alc.Code == "IN" || reason.Contains("insurance", StringComparison.OrdinalIgnoreCase)) { _insurance = (_insurance ?? 0) + a; _insuranceSource ??= s; }
                }
                return;
            }
            if (_line is not null)
            {
                if (qualifier == "203") SetNumber(_line, FieldNames.Amount, text, s);
                return;
            }
            if (!_summary) return;
            switch (qualifier)
            {
                case "79": SetNumber(_header, FieldNames.LineTotal, text, s); break;
                case "260": SetNumber(_header, FieldNames.AllowanceTotalAmount, text, s); break;
                case "259": SetNumber(_header, FieldNames.ChargeTotalAmount, text, s); break;
                case "389": SetNumber(_header, FieldNames.TaxExclusiveAmount, text, s); break;
                case "176": SetNumber(_header, FieldNames.TaxAmount, text, s); break;
                case "388": SetNumber(_header, FieldNames.TotalAmount, text, s); break;
                case "77" or "86":
                    if (!_header.ContainsKey(FieldNames.TotalAmount)) SetNumber(_header, FieldNames.TotalAmount, text, s);
                    break;
                case "124" when _inTaxGroup && amount is { } t:
                    _taxSum = (_taxSum ?? 0) + t; _taxSumSource ??= s;
                    break;
            }
        }

        private decimal? Number(string? text)
        {
            if (text is null) return null;
            // The UNA decimal mark may be a comma; EDIFACT never uses thousands separators.
            return Numbers.ParseInvariant(separators.Decimal == '.' ? text : text.Replace(separators.Decimal, '.'));
        }

        private void SetNumber(FieldSet f, string field, string? text, EdifactSegment s)
        {
            if (string.IsNullOrWhiteSpace(text)) return;
            f.Set(field, Number(text) is { } n ? n : text.Trim(), null, Source(s));
        }

        private static void Set(FieldSet f, string field, string? text, EdifactSegment s) => f.SetIfPresent(field, text, null, Source(s));
    }
}
