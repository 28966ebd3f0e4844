using System.Globalization;
using CustomsFn.Core.Tariffs;

namespace CustomsFn.Core.Rules;

/// <summary>DUTY-001..005: the duty and import VAT estimate per line and in total, preferences, additional duties, de minimis.</summary>
public sealed class DutyEstimateRule(TariffCatalog? catalog = null) : IRule
{
    public static readonly RuleInfo ValuationData = new("DUTY-001", Severity.Warning, "The customs value cannot be built exactly: freight, insurance or the Incoterm is missing", "WTO Valuation Agreement art. 8.2; UK/EU: CIF (UCC art. 71(1)(e)); US: FOB transaction value (19 U.S.C. 1401a(b)(4))");
    public static readonly RuleInfo Preference = new("DUTY-002", Severity.Info, "A lower preferential rate is claimable for the origin (proof of origin needed)", "HTSUS General Note 3(c) and the programme's general note");
    public static readonly RuleInfo Additional = new("DUTY-003", Severity.Warning, "Additional duties may apply (additional-duty column, column 2 origin, trade remedy)", "HTSUS chapter 99 / additional duties; UK trade remedies (Taxation (Cross-border Trade) Act 2018 sch. 4)");
    public static readonly RuleInfo NotComputable = new("DUTY-004", Severity.Info, "The duty of a line could not be computed from the document", "Destination tariff pack rate expression");
    public static readonly RuleInfo LowValue = new("DUTY-005", Severity.Info, "De minimis: the shipment is at or below the destination's duty threshold, or no threshold applies any more", "Dated de minimis data (TradeReference.DeMinimisThresholds)");
    public static readonly RuleInfo NoEstimate = new("DUTY-006", Severity.Warning, "An import declaration (or goods item) has no duty estimate: the finding names exactly what is missing", "CustomsFn duty estimate coverage (every import declaration is estimated or explained)");

    /// <summary>UK import VAT standard rate (VAT Act 1994 s. 2), on the customs value plus duty (s. 21).</summary>
    public const decimal UkVatRate = 0.20m;

    private TariffCatalog Catalog => catalog ?? TariffCatalog.Default;

    public IReadOnlyList<RuleInfo> Describes => [ValuationData, Preference, Additional, NotComputable, LowValue, NoEstimate];

    public void Evaluate(RuleContext context)
    {
        var dest = context.Destination;
        // An import declaration is lodged because the goods cross a customs border, even between two parts of one country (GB to NI).
        var importDeclaration = context.Fields.GetText(FieldNames.DeclarationType) is { } dt && dt.StartsWith("IM", StringComparison.OrdinalIgnoreCase);
        if (importDeclaration && context.Document.DocumentType != DocumentType.CreditNote && MissingForEstimate(context) is { } missing)
        {
            context.Report(NoEstimate, missing.Path, $"No duty estimate for this import declaration: {missing.What}.");
            return;
        }
        if (dest is null || context.Lines.Count == 0 || !(context.IsCrossBorder || importDeclaration) || context.Document.DocumentType == DocumentType.CreditNote) return;
        if (!CurrencyCode.TryParse(context.Fields.GetText(FieldNames.Currency), out var cur)) return;
        var date = context.DocumentDate;
        var pack = Catalog.NationalFor(dest, date);
        if (pack is null) return;
        var currency = cur.Value;
        var us = dest == "US";
        var uk = IsoCountries.UnitedKingdom.Contains(dest);
        var basisName = us ? "FOB" : "CIF";

        // Line values.
        var values = new decimal?[context.Lines.Count];
        decimal total = 0;
        for (var i = 0; i < context.Lines.Count; i++)
        {
            var l = context.Lines[i];
            values[i] = l.GetNumber(FieldNames.Amount)
                ?? (l.GetNumber(FieldNames.Quantity) is { } q && l.GetNumber(FieldNames.UnitPrice) is { } p ? q * p / (l.GetNumber(FieldNames.PriceBaseQuantity) is { } b and not 0 ? b : 1) : (decimal?)null)
                // A declaration's goods item without an item price (DE 4/14) may state its customs value.
                ?? (importDeclaration ? l.GetNumber(FieldNames.CustomsValue) : null);
            total += values[i] ?? 0;
        }

        var adjustment = ValuationAdjustment(context, us, out var warning);
        if (warning is not null) context.Report(ValuationData, FieldNames.Incoterm, warning);

        // De minimis.
        // On a UK or EU import declaration a relief applies only where it is claimed (an additional procedure code such as
        // C07), never inferred from the value: the full declaration is assessed as declared.
        var minimis = importDeclaration && !us ? null : TradeReference.DeMinimisFor(uk ? "GB" : dest, date);
        var belowMinimis = false;
        if (minimis is not null && minimis.Currency == currency)
        {
            var origin = context.Export;
            var excluded = origin is not null && minimis.ExcludedOrigins.Contains(origin) && minimis.ExclusionFrom is { } ef && date >= ef;
            if (minimis.Threshold > 0 && total <= minimis.Threshold && !excluded)
            {
                belowMinimis = true;
                context.Report(LowValue, "totalAmount", string.Create(CultureInfo.InvariantCulture,
                    $"The goods are worth {total:0.##} {currency}, at or below the {dest} de minimis of {minimis.Threshold:0.##} {minimis.Currency}: no customs duty is collected (import VAT may still be due)."), minimis.Source);
            }
            else if ((minimis.Threshold == 0 || excluded) && us && total <= 800m)
                context.Report(LowValue, "totalAmount", string.Create(CultureInfo.InvariantCulture,
                    $"The goods are worth {total:0.##} USD: the former USD 800 de minimis does not apply on {date:yyyy-MM-dd}{(excluded ? $" to goods of {context.Export} origin" : "")}, so duty is payable."), minimis.Source);
        }

        var lines = new List<DutyLine>();
        decimal totalDuty = 0, totalVat = 0, totalValue = 0;
        var vatComplete = true;
        for (var i = 0; i < context.Lines.Count; i++)
        {
            var l = context.Lines[i];
            if (context.LineHsCode(i) is not { } code || values[i] is not { } value)
            {
                if (importDeclaration)
                    context.Report(NoEstimate, RuleContext.LinePath(i, context.LineHsCode(i) is null ? FieldNames.HsCode : FieldNames.Amount),
                        $"Goods item {i + 1} has no duty estimate: {(context.LineHsCode(i) is null ? "no valid commodity code (DE 6/14-6/15)" : "no item price (DE 4/14) or customs value")}.");
                continue;
            }
            var cv = total != 0 && adjustment != 0 ? value + adjustment * value / total : value;
            totalValue += cv;
            var basis = new DutyBasis(cv, currency, date);
            if (UnitCode.TryParse(l.GetText(FieldNames.UnitCode), out var unit) && l.GetNumber(FieldNames.Quantity) is { } qty && unit.Dimension != UnitDimension.Other)
                basis.With(unit.Dimension, qty * unit.FactorToBase);
            var net = l.GetNumber(FieldNames.NetWeightKg) ?? (context.Lines.Count == 1 ? context.Fields.GetNumber(FieldNames.NetWeightKg) : null);
            if (net is { } kg) basis.With(UnitDimension.Mass, kg);
            var treatment = importDeclaration ? DeclarationTreatment.Read(l) : null;
            // DE 6/2: a declaration's supplementary quantity is in the unit the tariff line prescribes (litres for beverages, items).
            if (treatment is not null && l.GetText(FieldNames.UnitCode) is null && l.GetNumber(FieldNames.Quantity) is { } supplementary)
            {
                basis.WithDefault(UnitDimension.Volume, supplementary).WithDefault(UnitDimension.Count, supplementary);
            }

            var origin = context.LineOrigin(i);
            var ld = DutyCalculator.Compute(pack, code.Digits, origin, basis);
            if (ld.Match == TariffLineMatch.NotFound)
            {
                if (importDeclaration)
                    context.Report(NoEstimate, RuleContext.LinePath(i, FieldNames.HsCode),
                        $"Goods item {i + 1} has no duty estimate: {code.ToDottedString()} has no rate in {pack.Provenance.Title} ({pack.Provenance.Revision}).", NationalTariffRules.PackReference(pack));
                continue;
            }
            var reference = ld.Reference(pack);
            decimal? duty = ld.Duty.Amount is { } a ? Round(a) : null;
            string? note = null;
            if (duty is null)
                context.Report(NotComputable, RuleContext.LinePath(i, FieldNames.HsCode), $"Line {i + 1}: the duty on {code.ToDottedString()} ({ld.Rate?.Text ?? "no single rate"}) cannot be computed: {ld.Duty.Reason}.", reference);
            if (belowMinimis && duty is not null) { duty = 0; note = "de minimis: no duty collected"; }
            string? pref = null;
            if (ld.PreferentialRate is { } pr && ld.Programme is { } prog && ld.PreferentialDuty?.Amount is { } pa && !belowMinimis)
            {
                pref = $"{pr.Text} ({prog.Code}: {prog.Name})";
                context.Report(Preference, RuleContext.LinePath(i, FieldNames.HsCode), string.Create(CultureInfo.InvariantCulture,
                    $"Line {i + 1}: goods of {origin} origin qualify for {prog.Name} ({prog.Code}): {pr.Text} instead of {ld.Rate?.Text}, duty {Round(pa):0.00} instead of {(duty is { } dd ? dd.ToString("0.00", CultureInfo.InvariantCulture) : "n/a")} {currency}. Claimable with proof of origin (certification or statement on origin)."),
                    $"{reference}; {prog.Source}");
            }
            if (ld.AdditionalDuty is { } add)
                context.Report(Additional, RuleContext.LinePath(i, FieldNames.HsCode), $"Line {i + 1}: {add}; the estimate does not include it.", reference);
            else if (ld.RatedLine is { } rl && (rl.HasFlag("suspension") || rl.HasFlag("quota")))
                note = (note is null ? "" : note + "; ") + (rl.HasFlag("suspension") ? "a tariff suspension may lower the rate" : "a tariff quota may lower the rate");

            if (us && !belowMinimis && duty is not null && Catalog.UsAdditionalDuties is { } additionalDuties)
                (duty, note) = AddUsAdditionalDuties(context, i, additionalDuties.For(code.Digits, origin, date), cv, duty.Value, note);

            if (treatment is not null)
                (duty, note) = ApplyTreatment(treatment, duty, note, ld, uk ? Catalog.UkPreferences : null,
                    CountryCode.TryParse(l.GetText(FieldNames.PreferentialOriginCountry), out var po) ? po.Value : origin, code.Digits, basis);

            decimal? vat = null;
            if (uk)
            {
                var vatRate = treatment?.VatRate ?? UkVatRate;
                if (treatment is { VatRelief: { } relief })
                {
                    vat = 0; note = Join(note, $"import VAT relieved ({relief})");
                }
                else if (treatment is { DomesticGbToNi: true })
                {
                    vat = 0; note = Join(note, "GB goods moving to Northern Ireland (NIDOM): no import VAT");
                }
                else if (duty is { } d) vat = Round((cv + d) * vatRate);
                if (vat is { } v) totalVat += v; else vatComplete = false;
                if (treatment?.VatCode is { } vc && vat is not null && treatment.VatRelief is null && !treatment.DomesticGbToNi)
                    note = Join(note, string.Create(CultureInfo.InvariantCulture, $"VAT {vatRate:0%} ({vc})"));
            }
            if (treatment?.NorthernIrelandNote is { } ni) note = Join(note, ni);
            if (treatment?.Suspension is { } suspended)
                note = Join(note, $"{suspended} (procedure {treatment.Procedure}): duty and VAT are suspended, secured by a guarantee, not paid");
            totalDuty += duty ?? 0;
            lines.Add(new DutyLine
            {
                Line = i, HsCode = code.Digits, CustomsValue = Round(cv), Rate = ld.Column is null ? ld.Rate?.Text : $"{ld.Rate?.Text} ({ld.Column})",
                Duty = duty, Vat = vat, PreferentialRate = pref, Note = note ?? (duty is null ? ld.Duty.Reason : null), Reference = reference,
            });
        }
        if (lines.Count == 0) return;
        context.Duties = new DutyEstimate
        {
            Destination = dest, Basis = basisName, CustomsValue = Round(totalValue), Currency = currency, Lines = lines, TotalDuty = Round(totalDuty),
            TotalVat = uk && vatComplete ? Round(totalVat) : null,
        };
    }

    /// <summary>
    /// The duty a declaration's goods item is assessed given what it claims: a duty override (the declared amount), a
    /// C-series relief (none), a trade-agreement preference (the UK schedule's rate for the preferential origin in the
    /// document's year, or its agreement quota's in-quota rate when a quota is claimed), a WTO tariff quota (the quota rate
    /// is not in the data: the third-country rate is shown).
    /// </summary>
    private static (decimal? Duty, string? Note) ApplyTreatment(DeclarationTreatment t, decimal? duty, string? note, LineDuty ld,
        UkPreferences? preferences, string? partner, string code, DutyBasis basis)
    {
        if (t.OverrideDuty is { } declared)
            return (declared, Join(note, $"duty override claimed (OVR01): the declared duty is used; the tariff gives {duty?.ToString("0.00", CultureInfo.InvariantCulture) ?? "n/a"}"));
        if (t.DutyRelief is { } relief && duty != 0)
            return (0, Join(note, $"relief from customs duty claimed ({relief}): {duty?.ToString("0.00", CultureInfo.InvariantCulture) ?? "the duty"} relieved"));
        if (t.AgreementPreference && preferences is not null)
            return AgreementRate(t, duty, note, preferences, partner, code, basis);
        if (t.AgreementPreference && duty != 0)
            return (0, Join(note, $"trade-agreement preference {t.Preference} claimed: duty taken as 0 (no agreement schedule loaded for the destination; proof of origin needed)"));
        if (t.Quota && ld.RatedLine is { } rl)
            return (duty, Join(note, $"tariff quota claimed (preference {t.Preference}): the in-quota rate is not loaded; the third-country rate {rl.General} is shown"));
        return (duty, note);
    }

    private static string Join(string? note, string more) => note is null ? more : note + "; " + more;

    /// <summary>
    /// HTSUS chapter 99 additional duties (Section 301, 232) on top of the base duty: ad valorem ones are added to the
    /// estimate with their heading in the note; those on a metal content the document does not give are reported (DUTY-003).
    /// </summary>
    private static (decimal Duty, string? Note) AddUsAdditionalDuties(RuleContext context, int i, IReadOnlyList<UsAdditionalDuty> duties, decimal value, decimal duty, string? note)
    {
        foreach (var d in duties)
        {
            if (d.Percent is { } pct)
            {
                var amount = Round(value * pct / 100);
                duty += amount;
                note = Join(note, string.Create(CultureInfo.InvariantCulture, $"{d.Programme} additional duty {pct:0.##}% ({d.Heading}, from {d.From:yyyy-MM-dd}): {amount:0.00}"));
            }
            else
                context.Report(Additional, RuleContext.LinePath(i, FieldNames.HsCode),
                    $"Line {i + 1}: {d.Programme} additional duty under heading {d.Heading} ({d.Rate}) applies from {d.From:yyyy-MM-dd}; it is on the metal content's value, which the document does not state, so the estimate does not include it.",
                    d.Basis);
        }
        return (duty, note);
    }

    /// <summary>A UK trade-agreement preference (DE 4/17 3xx): the agreement quota's in-quota rate when a quota is claimed, else the schedule's staged rate.</summary>
    private static (decimal? Duty, string? Note) AgreementRate(DeclarationTreatment t, decimal? duty, string? note, UkPreferences preferences, string? partner, string code, DutyBasis basis)
    {
        if (partner is null)
            return (duty, Join(note, $"trade-agreement preference {t.Preference} claimed, but no preferential origin (DE 5/16) or origin is declared: third-country duty shown"));
        if (t.Quota && preferences.QuotasFor(partner, code) is { Count: > 0 } quotas)
        {
            var q = quotas[0];
            var c = DutyExpression.Parse(q.InQuotaRate).Compute(basis);
            return c.Amount is { } qa
                ? (Math.Round(qa, 2, MidpointRounding.AwayFromZero), Join(note, $"agreement quota {q.OrderNumber} ({q.Agreement}, {q.Volume}) claimed: in-quota rate {q.InQuotaRate} while the quota has balance; proof of origin needed"))
                : (duty, Join(note, $"agreement quota {q.OrderNumber} claimed: its in-quota rate '{q.InQuotaRate}' is not computable ({c.Reason}); third-country duty shown"));
        }
        if (preferences.Find(partner, code) is not { } pr)
            return (duty, Join(note, $"trade-agreement preference {t.Preference} claimed, but the UK schedules of 2022 have no preferential rate for origin {partner} under {code}: third-country duty shown"));
        var text = pr.RateOn(basis.Date);
        var computed = DutyExpression.Parse(text).Compute(basis);
        if (computed.Amount is not { } pa)
            return (duty, Join(note, $"{pr.Agreement}: preferential rate '{text}' is not computable from the declaration ({computed.Reason}); third-country duty shown"));
        var staged = text == pr.Rate2022 ? "" : $", staged from {pr.Rate2022} in 2022";
        return (Math.Round(pa, 2, MidpointRounding.AwayFromZero),
            Join(note, $"{pr.Agreement}: preferential rate {text} for goods originating in {partner} on {basis.Date:yyyy-MM-dd}{staged}; valid with proof of origin (statement on origin or importer's knowledge)"));
    }

    /// <summary>What an import declaration lacks for any estimate (destination, goods items, currency, a national tariff), or null.</summary>
    private (string Path, string What)? MissingForEstimate(RuleContext context)
    {
        if (context.Destination is null)
            return (FieldNames.DestinationCountry, "the country of destination is not known (no DE 5/8, envelope ResponsibleCountryCode, goods location, customs office or importer address, and no destination override)");
        if (context.Lines.Count == 0) return ("lines", "the declaration has no goods items");
        if (!CurrencyCode.TryParse(context.Fields.GetText(FieldNames.Currency), out _))
            return (FieldNames.Currency, "no valid currency (DE 4/10, 4/11 or the item price's currencyID)");
        if (Catalog.NationalFor(context.Destination, context.DocumentDate) is null)
            return (FieldNames.DestinationCountry, $"no national tariff is loaded for {context.Destination}");
        return null;
    }

    /// <summary>What to add to (CIF) or take from (FOB) the invoice value, and a warning when the data to do it is missing.</summary>
    private static decimal ValuationAdjustment(RuleContext context, bool fob, out string? warning)
    {
        warning = null;
        var freight = context.Fields.GetNumber(FieldNames.FreightAmount);
        var insurance = context.Fields.GetNumber(FieldNames.InsuranceAmount);
        if (!Incoterm.TryParse(context.Fields.GetText(FieldNames.Incoterm), out var term))
        {
            warning = fob
                ? "No Incoterm: the invoice value is taken as the FOB transaction value; if it includes international freight or insurance, the estimate is too high."
                : "No Incoterm: the customs value (CIF) cannot be built; the invoice value is used without freight or insurance, so the estimate may be too low.";
            return 0;
        }
        if (fob)
        {
            if (!term.PriceIncludesMainCarriage) return 0;
            if (freight is null)
            {
                warning = $"{term.Code}: the price includes international freight{(term.PriceIncludesInsurance ? " and insurance" : "")}, which the US customs value (FOB) excludes, but the invoice does not state it; the estimate uses the full price.";
                return 0;
            }
            return -(freight.Value + (term.PriceIncludesInsurance ? insurance ?? 0 : 0));
        }
        if (term.PriceIncludesMainCarriage)
        {
            if (term.PriceIncludesInsurance || insurance is not null) return term.PriceIncludesInsurance ? 0 : insurance!.Value;
            return 0;
        }
        if (freight is null || insurance is null)
            warning = $"{term.Code}: the customs value is CIF, so freight and insurance to the border are added, but the invoice does not state {(freight is null && insurance is null ? "freight or insurance" : freight is null ? "freight" : "insurance")}; the estimate is too low by that amount.";
        return (freight ?? 0) + (insurance ?? 0);
    }

    private static decimal Round(decimal d) => Math.Round(d, 2, MidpointRounding.AwayFromZero);
}
