using CustomsFn.Core.Tariffs;

namespace CustomsFn.Core.Rules;

/// <summary>TARIFF-001..006: the HS code against the destination's tariff at the document date, HS edition and national length.</summary>
public sealed class NationalTariffRules(TariffCatalog? catalog = null) : IRule
{
    public static readonly RuleInfo NotInTariff = new("TARIFF-001", Severity.Error, "The commodity code is not in the destination's tariff at the document date (a warning on invoices and transport documents)", "Destination tariff pack (HTSUS 2025, UK Global Tariff 2021, EU CN 2020)");
    public static readonly RuleInfo Hs2017Only = new("TARIFF-002", Severity.Error, "The code exists only in HS 2017 (withdrawn by HS 2022 on 1 Jan 2022); the likely HS 2022 successor is named", "WCO HS 2022 amendments (Recommendation of 28 June 2019); hs-2017 and hs-2022 packs");
    public static readonly RuleInfo NationalLength = new("TARIFF-003", Severity.Warning, "The code is not the length the destination declares (US 10 digits; UK and EU 8 or 10); info on commercial documents (invoice, packing list, certificate), whose HS-6 code the declarant extends", "19 CFR 141.61 / HTSUS statistical suffix; UK CDS DE 6/14-6/15; EU CN Reg. (EEC) 2658/87");
    public static readonly RuleInfo NoNationalTariff = new("TARIFF-004", Severity.Info, "No national tariff is loaded for the destination; only the 6-digit HS code was checked", "CustomsFn tariff coverage (US, GB, EU)");
    public static readonly RuleInfo UnknownSubheading = new("TARIFF-005", Severity.Error, "The 6-digit HS subheading does not exist in HS 2022 or HS 2017", "WCO Harmonized System Nomenclature 2022 (hs-2022 pack)");
    public static readonly RuleInfo TariffDate = new("TARIFF-006", Severity.Info, "The loaded tariff's edition does not match the document date", "Tariff pack provenance (effective dates)");
    public static readonly RuleInfo Edition = new("TARIFF-007", Severity.Info, "Tariff edition (TARIFF-EDITION): the newest tariff pack for the destination is from an earlier year than the document: codes and rates may have changed since", "Tariff pack provenance (edition date and source)");

    private TariffCatalog Catalog => catalog ?? TariffCatalog.Default;

    private sealed record EditionNote(TariffPack Pack, DateOnly Date, string? Destination, string Message, string Reference);

    /// <summary>The last edition finding's text (immutable; replaced whole, so sharing the rule across threads is safe).</summary>
    private EditionNote? _lastEdition;

    public IReadOnlyList<RuleInfo> Describes => [NotInTariff, Hs2017Only, NationalLength, NoNationalTariff, UnknownSubheading, TariffDate, Edition];

    public void Evaluate(RuleContext context)
    {
        if (context.Lines.Count == 0) return;
        var date = context.DocumentDate;
        var dest = context.Destination;
        TariffPack? pack = null;
        var any = false;
        // An invoice's HS-6 code is normal (the declarant extends it); on a declaration a short code is a defect.
        var lengthSeverity = context.Document.DocumentType == DocumentType.CustomsDeclaration ? Severity.Warning : Severity.Info;
        // A code is legally binding on a declaration; on commercial and transport documents it is indicative: a warning.
        var existenceSeverity = context.Document.DocumentType.Contains("declaration", StringComparison.Ordinal) ? Severity.Error : Severity.Warning;
        for (var i = 0; i < context.Lines.Count; i++)
        {
            if (context.LineHsCode(i) is not { } code) continue;
            if (!any)
            {
                any = true;
                pack = Catalog.NationalFor(dest, date);
                if (pack is null && dest is not null && context.IsCrossBorder)
                    context.Report(NoNationalTariff, "document",
                        $"No national tariff for {dest} is loaded: HS codes were checked at 6 digits against HS 2022 only, and no duty was estimated.");
                if (pack is not null && !pack.Provenance.AppliesOn(date))
                    context.Report(TariffDate, "document",
                        $"The document is dated {date:yyyy-MM-dd}; the loaded tariff for {dest} is {pack.Provenance.Title} ({pack.Provenance.Revision}, in force from {pack.Provenance.EffectiveFrom:yyyy-MM-dd}): codes and rates may differ at the document date.",
                        PackReference(pack));
                else if (pack is not null && pack.Provenance.EffectiveFrom.Year < date.Year)
                {
                    // One message per pack, destination and date, formatted once: most documents of a run share them.
                    var last = _lastEdition;
                    if (last is null || last.Pack != pack || last.Date != date || last.Destination != dest)
                        _lastEdition = last = new EditionNote(pack, date, dest,
                            $"The document is dated {date:yyyy-MM-dd}; the newest tariff loaded for {dest} is {pack.Provenance.Title} ({pack.Provenance.Revision}, from {pack.Provenance.EffectiveFrom:yyyy-MM-dd}; source: {pack.Provenance.Source}): codes and rates may have changed since.",
                            PackReference(pack));
                    context.Report(Edition, "document", last.Message, last.Reference);
                }
            }
            var subheading = code.Digits.AsSpan(0, 6);
            var in2022 = Catalog.Hs2022.Contains(subheading);
            var in2017 = Catalog.Hs2017.Contains(subheading);
            var six = code.Length == 6 ? code.Digits : null; // the 6-digit string is made only when a finding quotes it
            if (!in2022 && in2017 && date >= new DateOnly(2022, 1, 1))
            {
                six ??= code.Subheading;
                var successors = Catalog.Hs2022Successors(six);
                var hint = successors.Count switch
                {
                    0 => "no HS 2022 code was added under the same heading: reclassify",
                    1 => $"its likely HS 2022 successor is {HsCode.Dotted(successors[0])}",
                    _ => $"likely HS 2022 successors (new under heading {six[..4]}): {string.Join(", ", successors.Select(HsCode.Dotted))}",
                };
                context.Report(Hs2017Only, RuleContext.LinePath(i, FieldNames.HsCode), $"Line {i + 1}: {HsCode.Dotted(six)} exists only in HS 2017 and is not valid from 1 January 2022; {hint}.",
                    "hs-2017/hs-2022 packs; WCO HS 2022 amendments");
                continue;
            }
            if (pack is null)
            {
                if (!in2022 && !in2017)
                    context.Report(UnknownSubheading, RuleContext.LinePath(i, FieldNames.HsCode), $"Line {i + 1}: HS subheading {HsCode.Dotted(six ?? code.Subheading)} does not exist in HS 2022 or HS 2017.", "hs-2022 pack");
                continue;
            }

            var (match, line) = DutyCalculator.Find(pack, code.Digits);
            if (match == TariffLineMatch.NotFound)
            {
                if (in2022 && !in2017 && !pack.Id.StartsWith("us-", StringComparison.Ordinal))
                    context.Report(NotInTariff, RuleContext.LinePath(i, FieldNames.HsCode),
                        $"Line {i + 1}: {code.ToDottedString()} is not in {pack.Provenance.Title}, whose codes are on the HS 2017 basis; {HsCode.Dotted(six ?? code.Subheading)} is new in HS 2022, so the loaded data predates it: check the current tariff.",
                        PackReference(pack), Severity.Warning);
                else
                    context.Report(NotInTariff, RuleContext.LinePath(i, FieldNames.HsCode),
                        $"Line {i + 1}: {code.ToDottedString()} is not a line of {pack.Provenance.Title}{(pack.AnyUnder(six ??= code.Subheading) ? $"; subheading {HsCode.Dotted(six)} exists: choose one of its national lines" : "")}.",
                        PackReference(pack), existenceSeverity);
                continue;
            }

            var us = pack.Id.StartsWith("us-", StringComparison.Ordinal);
            if (us && code.Length != 10)
                context.Report(NationalLength, RuleContext.LinePath(i, FieldNames.HsCode),
                    $"Line {i + 1}: a US entry declares the 10-digit HTSUS statistical number; {code.ToDottedString()} has {code.Length} digits{Candidates(pack, code.Digits)}.",
                    PackReference(pack), lengthSeverity);
            else if (!us && code.Length == 6)
                context.Report(NationalLength, RuleContext.LinePath(i, FieldNames.HsCode),
                    $"Line {i + 1}: the {dest} tariff needs an 8- or 10-digit commodity code; {code.ToDottedString()} has 6 digits{Candidates(pack, code.Digits)}.",
                    PackReference(pack), lengthSeverity);
            else if (match == TariffLineMatch.Prefix && !us)
                context.Report(NationalLength, RuleContext.LinePath(i, FieldNames.HsCode),
                    $"Line {i + 1}: {code.ToDottedString()} is not a line of {pack.Provenance.Title} but covers several; declare the full code{Candidates(pack, code.Digits)}.",
                    PackReference(pack), lengthSeverity);
        }
    }

    private static string Candidates(TariffPack pack, string digits)
    {
        var lines = pack.LinesUnder(digits).Where(l => l.Code.Length > digits.Length).Take(4).Select(l => HsCode.Dotted(l.Code)).ToList();
        return lines.Count == 0 ? "" : $" (e.g. {string.Join(", ", lines)})";
    }

    internal static string PackReference(TariffPack pack) => $"{pack.Id} ({pack.Provenance.Revision})";

}
