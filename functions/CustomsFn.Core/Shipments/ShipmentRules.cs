using CustomsFn.Core.Rules;

namespace CustomsFn.Core.Shipments;

/// <summary>The shipment reconciliation rules: stable ids, default severity, what they check, and the source behind them.</summary>
public static class ShipmentRules
{
    public const string RulesetVersion = "customsfn-shipment-rules/2026.12.0";

    public static readonly RuleInfo NoInvoice = new("SHIP-001", Severity.Info, "The shipment has no commercial invoice (yet): values, parties and lines are not reconciled", "WCO Revised Kyoto Convention, General Annex 3.16 (supporting documents)");
    public static readonly RuleInfo Unreadable = new("SHIP-002", Severity.Warning, "A document of the shipment could not be read and is not reconciled", "CustomsFn policy");
    public static readonly RuleInfo ForeignReference = new("SHIP-003", Severity.Warning, "A document quotes an invoice number that is not the shipment's invoice", "UNCL 1001 document references; CustomsFn policy");
    public static readonly RuleInfo LineMissing = new("SHIP-010", Severity.Error, "A goods line of the invoice is missing from the other document", "Union Customs Code art. 15 (accurate and complete information); WCO Data Model goods item");
    public static readonly RuleInfo LineExtra = new("SHIP-011", Severity.Error, "A goods line of the other document is not on the invoice", "Union Customs Code art. 15; WCO Data Model goods item");
    public static readonly RuleInfo Quantity = new("SHIP-012", Severity.Error, "Matched goods lines state different quantities", "Union Customs Code art. 15; WCO Data Model 1/12 (quantity)");
    public static readonly RuleInfo HsCode = new("SHIP-013", Severity.Error, "Matched goods lines are classified differently (at the precision both give)", "WCO HS Convention art. 3; UCC art. 57");
    public static readonly RuleInfo LineOrigin = new("SHIP-014", Severity.Error, "Matched goods lines state different countries of origin", "UCC art. 59-61 (origin); WCO Revised Kyoto Convention Specific Annex K");
    public static readonly RuleInfo NotCertified = new("SHIP-015", Severity.Warning, "An invoice line is not covered by the certificate of origin", "UCC art. 61 (proof of origin); WCO Revised Kyoto Convention Specific Annex K");
    public static readonly RuleInfo LineNetWeight = new("SHIP-016", Severity.Warning, "Matched goods lines state different net weights", "WCO Data Model 6/1 (net mass)");
    public static readonly RuleInfo LineValue = new("SHIP-017", Severity.Error, "Matched goods lines state different values", "WTO Customs Valuation Agreement art. 1 (price actually paid or payable)");
    public static readonly RuleInfo GrossWeight = new("SHIP-020", Severity.Error, "The documents state different gross weights", "WCO Data Model 6/5 (gross mass); SOLAS VGM where applicable");
    public static readonly RuleInfo NetWeight = new("SHIP-021", Severity.Error, "The documents state different net weights", "WCO Data Model 6/1 (net mass)");
    public static readonly RuleInfo Packages = new("SHIP-022", Severity.Error, "The documents state different package counts", "WCO Data Model 6/10 (number of packages)");
    public static readonly RuleInfo Currency = new("SHIP-030", Severity.Error, "The documents state values in different currencies", "WTO Customs Valuation Agreement art. 9 (currency conversion)");
    public static readonly RuleInfo TotalValue = new("SHIP-031", Severity.Error, "The invoice amount stated on the other document differs from the invoice", "WTO Customs Valuation Agreement art. 1");
    public static readonly RuleInfo Seller = new("SHIP-040", Severity.Error, "The documents name different sellers or exporters", "WCO Data Model 3/1 (exporter); UCC art. 15");
    public static readonly RuleInfo Buyer = new("SHIP-041", Severity.Error, "The documents name different buyers or importers", "WCO Data Model 3/15 (importer); UCC art. 15");
    public static readonly RuleInfo IncotermCode = new("SHIP-042", Severity.Error, "The documents state different Incoterms", "ICC Incoterms 2020; WCO Data Model 4/1 (delivery terms)");
    public static readonly RuleInfo IncotermPlace = new("SHIP-043", Severity.Warning, "The documents name different Incoterm places", "ICC Incoterms 2020 (named place)");
    public static readonly RuleInfo Origin = new("SHIP-045", Severity.Error, "The documents state different countries of origin for the shipment", "UCC art. 59-61 (origin)");
    public static readonly RuleInfo CustomsValue = new("SHIP-050", Severity.Error, "The declared customs value differs from the invoice value adjusted for freight and insurance under the Incoterm", "WTO Customs Valuation Agreement art. 1 and 8(2); UCC art. 70-71; 19 U.S.C. 1401a");
    public static readonly RuleInfo CustomsValueUnchecked = new("SHIP-051", Severity.Warning, "The declared customs value cannot be checked against the invoice", "WTO Customs Valuation Agreement art. 8(2)");
    private const string Lists = "UN Security Council Consolidated List; OFAC SDN and non-SDN lists (31 CFR chapter V); UK Sanctions List (SAMLA 2018); BIS Denied Persons List (15 CFR 764.3(a)(2)); US Consolidated Screening List";
    public static readonly RuleInfo PossiblePartyMatch = new("SHIP-060", Severity.Warning, "A party of the shipment resembles a sanctions or denied-party list entry (SANC-001 for the shipment): named with every document it appears on, held for compliance review", Lists);
    public static readonly RuleInfo StrongPartyMatch = new("SHIP-061", Severity.Error, "A party of the shipment matches a list entry by identifier, or by exact full name with an agreeing country (SANC-002 for the shipment): named with every document it appears on", Lists);

    public static IReadOnlyList<RuleInfo> All { get; } =
    [
        NoInvoice, Unreadable, ForeignReference, LineMissing, LineExtra, Quantity, HsCode, LineOrigin, NotCertified, LineNetWeight, LineValue,
        GrossWeight, NetWeight, Packages, Currency, TotalValue, Seller, Buyer, IncotermCode, IncotermPlace, Origin, CustomsValue, CustomsValueUnchecked,
        PossiblePartyMatch, StrongPartyMatch,
    ];
}
