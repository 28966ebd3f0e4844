namespace CustomsFn.Core.Tariffs;

/// <summary>
/// What a customs declaration's goods item says about how its duty and import VAT are treated, read from the codes the
/// declarant puts on it (UK CDS data elements; UK Trade Tariff Volume 3): the procedure (DE 1/10), additional procedure
/// codes (DE 1/11), the preference (DE 4/17), the tax types (DE 4/3), additional information codes (DE 2/2) and national
/// additional codes (DE 6/17). Invoices carry none of these: <see cref="Read"/> returns null for them.
/// </summary>
public sealed record DeclarationTreatment
{
    /// <summary>UK import VAT reduced rate (VAT Act 1994 s. 29A), declared with the national additional code VATR.</summary>
    public const decimal UkReducedVatRate = 0.05m;

    /// <summary>DE 1/10: requested + previous procedure, e.g. 4000, 5100.</summary>
    public string? Procedure { get; init; }

    /// <summary>The additional procedure code claiming a relief from customs duty (C-series, e.g. C07 negligible value), or null.</summary>
    public string? DutyRelief { get; init; }

    /// <summary>The code claiming relief from import VAT (APC 1RV, or AI RVAT1), or null.</summary>
    public string? VatRelief { get; init; }

    /// <summary>GB goods moving to Northern Ireland (AI NIDOM): a movement within the UK VAT territory, no import VAT.</summary>
    public bool DomesticGbToNi { get; init; }

    /// <summary>
    /// Goods imported into Northern Ireland from outside the UK (AI NIIMP), with what the declarant says about their risk
    /// of entering the EU: <see cref="NorthernIrelandNotAtRisk"/> (NIREM) or an EU preference claimed (EUPRF).
    /// </summary>
    public bool NorthernIrelandImport { get; init; }

    /// <summary>The goods are declared not at risk of entering the EU (AI NIREM): UK duty applies.</summary>
    public bool NorthernIrelandNotAtRisk { get; init; }

    /// <summary>An EU preference is claimed for goods entering Northern Ireland (AI EUPRF): the EU's duty and preference apply.</summary>
    public bool EuPreference { get; init; }

    /// <summary>What the Northern Ireland codes mean for the duty, or null when none is declared.</summary>
    public string? NorthernIrelandNote => !NorthernIrelandImport ? null
        : EuPreference ? "Northern Ireland import with an EU preference claimed (NIIMP, EUPRF): the EU duty (tax type A50) and the EU preference apply, not the UK duty shown"
        : NorthernIrelandNotAtRisk ? "Northern Ireland import declared not at risk (NIIMP, NIREM): UK duty"
        : "Northern Ireland import (NIIMP) not declared not at risk: the goods are at risk, so the EU duty (tax type A50) may be charged instead of the UK duty shown (the EU tariff loaded is the CET 2020)";

    /// <summary>The suspensive procedure the goods enter (inward processing, temporary admission, warehousing), or null.</summary>
    public string? Suspension { get; init; }

    /// <summary>DE 4/17, e.g. 100 third-country duty, 120 tariff quota, 300 trade-agreement preference.</summary>
    public string? Preference { get; init; }

    /// <summary>A trade-agreement preference (DE 4/17 3xx) is claimed.</summary>
    public bool AgreementPreference => Preference is { Length: 3 } p && p[0] == '3';

    /// <summary>A tariff quota is claimed (DE 4/17 x2x, e.g. 120, 320).</summary>
    public bool Quota => Preference is { Length: 3 } p && p[1] == '2';

    /// <summary>Import VAT rate from the national additional code (VATZ zero, VATE exempt, VATR reduced), or null for the standard rate.</summary>
    public decimal? VatRate { get; init; }

    /// <summary>The national VAT code the rate came from.</summary>
    public string? VatCode { get; init; }

    /// <summary>The customs duty the declarant states with a duty override claimed (DE 2/2 OVR01, DE 4/6), or null.</summary>
    public decimal? OverrideDuty { get; init; }

    /// <summary>Reads the codes of one goods item; null when the line carries none of them (not a declaration's goods item).</summary>
    public static DeclarationTreatment? Read(FieldSet line)
    {
        var procedure = line.GetText(FieldNames.CustomsProcedure);
        var apcs = line.GetText(FieldNames.AdditionalProcedure);
        var info = line.GetText(FieldNames.AdditionalInformation);
        var taxes = line.GetText(FieldNames.TaxTypes);
        var national = line.GetText(FieldNames.NationalAdditionalCodes);
        var preference = line.GetText(FieldNames.Preference);
        if (procedure is null && apcs is null && info is null && taxes is null && national is null) return null;

        string? dutyRelief = null, vatRelief = null;
        foreach (var apc in Tokens(apcs))
        {
            // UK Trade Tariff Vol. 3 Appendix 2: C-series codes claim a relief from customs duty (e.g. C07 goods of negligible value).
            if (dutyRelief is null && apc.Length == 3 && apc[0] == 'C' && char.IsAsciiDigit(apc[1]) && char.IsAsciiDigit(apc[2])) dutyRelief = apc;
            if (apc == "1RV") vatRelief = apc;
        }
        var infos = Tokens(info);
        if (vatRelief is null && infos.Contains("RVAT1")) vatRelief = "RVAT1";

        decimal? vatRate = null;
        string? vatCode = null;
        foreach (var code in Tokens(national))
        {
            decimal? rate = code switch { "VATZ" or "VATE" => 0m, "VATR" => UkReducedVatRate, _ => null };
            if (rate is null) continue;
            vatRate = rate; vatCode = code;
            break;
        }

        var overrideDuty = infos.Contains("OVR01") ? line.GetNumber(FieldNames.DeclaredDuty) : null;
        return new DeclarationTreatment
        {
            Procedure = procedure,
            DutyRelief = dutyRelief,
            VatRelief = vatRelief,
            DomesticGbToNi = infos.Contains("NIDOM"),
            NorthernIrelandImport = infos.Contains("NIIMP"),
            NorthernIrelandNotAtRisk = infos.Contains("NIREM"),
            EuPreference = infos.Contains("EUPRF"),
            Suspension = SuspensiveProcedure(procedure),
            Preference = preference,
            VatRate = vatRate,
            VatCode = vatCode,
            OverrideDuty = overrideDuty,
        };
    }

    /// <summary>Special procedures under which import duty and VAT are assessed but suspended, secured by a guarantee (UCC art. 210).</summary>
    public static string? SuspensiveProcedure(string? procedure) => procedure is { Length: >= 2 } p ? p[..2] switch
    {
        "51" or "54" => "inward processing",
        "53" => "temporary admission",
        "71" => "customs warehousing",
        _ => null,
    } : null;

    private static string[] Tokens(string? codes) =>
        codes is null ? [] : codes.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
