using CustomsFn.Core.Contract;
using CustomsFn.Core.Foundation;
using CustomsFn.Core.Model;
using CustomsFn.Core.Pipeline;
using CustomsFn.Core.Rules;
using CustomsFn.Tests.Support;

namespace CustomsFn.Tests.Tariffs;

/// <summary>The tariff rules against real codes of the shipped packs (valid, 2017-only, unknown, wrong length).</summary>
public sealed class TariffRuleTests
{
    private static readonly DateOnly Today = new(2026, 11, 26);

    private static RuleOutcome Run(ExtractedDocument doc, string? destination = null, IDuplicateIndex? duplicates = null, string? id = "doc-1") =>
        RuleEngine.CreateDefault(duplicates).Run(doc, Today, destination, id);

    private static ExtractedDocument ToGb(string hs, decimal amount = 1000m, Action<FieldSet>? header = null, string currency = "GBP") =>
        Docs.Invoice(h =>
        {
            h.Set(FieldNames.Currency, currency);
            h.Set(FieldNames.BuyerCountry, "GB");
            h.Set(FieldNames.Incoterm, "CIF");
            header?.Invoke(h);
        }, Docs.Line(1, amount, amount, hs));

    private static ExtractedDocument ToUs(string hs, decimal amount = 1000m, Action<FieldSet>? header = null) =>
        Docs.Invoice(h =>
        {
            h.Set(FieldNames.Currency, "USD");
            h.Set(FieldNames.Incoterm, "FOB");
            header?.Invoke(h);
        }, Docs.Line(1, amount, amount, hs));

    private static IEnumerable<string> Ids(RuleOutcome o) => o.Findings.Select(f => f.Rule);

    [Fact]
    public void ValidUsCode_HasNoTariffFindings_AndAnEstimate()
    {
        var o = Run(ToUs("8471300100", 1500m));
        Assert.DoesNotContain(Ids(o), id => id.StartsWith("TARIFF", StringComparison.Ordinal) && id != NationalTariffRules.Edition.Id);
        var d = Assert.IsType<DutyEstimate>(o.Duties);
        Assert.Equal("US", d.Destination);
        Assert.Equal("FOB", d.Basis);
        Assert.Equal(0m, d.TotalDuty); // portable computers: Free
        Assert.Equal("Free", Assert.Single(d.Lines).Rate);
        Assert.Contains("us-htsus-2026", d.Lines[0].Reference, StringComparison.Ordinal); // the document date (2026) chooses the 2026 HTSUS
    }

    [Fact]
    public void UsCode_ShorterThanTen_IsALengthWarning_WithCandidates()
    {
        var f = Assert.Single(Run(ToUs("847130")).Findings, f => f.Rule == "TARIFF-003");
        Assert.Equal(Severity.Info, f.Severity); // an invoice's HS-6 code is extended by the declarant
        Assert.Equal("lines[0].hsCode", f.Path);
        Assert.Contains("8471.30.01.00", f.Message, StringComparison.Ordinal);
        var declaration = ToUs("847130");
        var asDeclaration = new ExtractedDocument { Format = declaration.Format, DocumentType = "customs-declaration", Extractor = declaration.Extractor, Fields = declaration.Fields, Lines = declaration.Lines };
        Assert.Equal(Severity.Warning, Assert.Single(Run(asDeclaration).Findings, f => f.Rule == "TARIFF-003").Severity);
        // The 6-digit line 8471.30 has one national line: its rate (Free) is used for the estimate.
        Assert.Equal(0m, Run(ToUs("847130")).Duties!.TotalDuty);
    }

    [Fact]
    public void UnknownNationalCode_IsAnError_NamingTheSubheading()
    {
        var f = Assert.Single(Run(ToUs("8471309999")).Findings, f => f.Rule == "TARIFF-001");
        Assert.Equal(Severity.Warning, f.Severity); // indicative on an invoice; an error on a declaration
        Assert.Contains("8471.30", f.Message, StringComparison.Ordinal);
        Assert.StartsWith("us-htsus-2026", f.Reference, StringComparison.Ordinal);
    }

    [Fact]
    public void Hs2017OnlyCode_NamesItsHs2022Successor()
    {
        var f = Assert.Single(Run(ToGb("04031011")).Findings, f => f.Rule == "TARIFF-002");
        Assert.Equal(Severity.Error, f.Severity);
        Assert.Contains("0403.20", f.Message, StringComparison.Ordinal);
        // Before 2022 the HS 2017 code was right.
        var old = Run(ToGb("04031011", header: h => h.Set(FieldNames.IssueDate, "2021-06-01")));
        Assert.DoesNotContain("TARIFF-002", Ids(old));
    }

    [Fact]
    public void UkCode_SixDigits_IsALengthWarning_EightDigits_IsFine()
    {
        Assert.Contains("TARIFF-003", Ids(Run(ToGb("851090"))));
        var ok = Run(ToGb("85109000"));
        Assert.DoesNotContain(Ids(ok), id => id.StartsWith("TARIFF", StringComparison.Ordinal) && id != NationalTariffRules.Edition.Id);
        // A 10-digit code of the 2022 nomenclature is a line of the UK pack.
        Assert.DoesNotContain(Ids(Run(ToGb("8510900000"))), id => id.StartsWith("TARIFF", StringComparison.Ordinal) && id != NationalTariffRules.Edition.Id);
    }

    [Fact]
    public void OtherDestination_ChecksSixDigits_AndSaysNoNationalTariff()
    {
        var toJp = Docs.Invoice(h => h.Set(FieldNames.BuyerCountry, "JP"), Docs.Line(1, 100, 100, "847140"));
        var o = Run(toJp);
        Assert.Equal(Severity.Info, Assert.Single(o.Findings, f => f.Rule == "TARIFF-004").Severity);
        Assert.Contains("TARIFF-005", Ids(o));
        Assert.Null(o.Duties);
        Assert.DoesNotContain("TARIFF-005", Ids(Run(Docs.Invoice(h => h.Set(FieldNames.BuyerCountry, "JP"), Docs.Line(1, 100, 100, "847130")))));
    }

    [Fact]
    public void UkDuty_AndImportVat_MatchTheCdsExample()
    {
        // CDS trade-test example: CN 8510 90 00, customs value 1000 GBP -> duty 2% = 20.00, VAT 20% on 1020 = 204.00.
        var d = Run(ToGb("85109000")).Duties!;
        Assert.Equal("CIF", d.Basis);
        Assert.Equal(20.00m, d.TotalDuty);
        Assert.Equal(204.00m, d.TotalVat);
        Assert.Equal("2.0%", d.Lines[0].Rate);
    }

    [Fact]
    public void CifBasis_AddsFreightAndInsurance_ForFobTerms_AndWarnsWhenMissing()
    {
        var missing = Run(ToGb("85109000", header: h => h.Set(FieldNames.Incoterm, "FOB")));
        Assert.Equal("incoterm", Assert.Single(missing.Findings, f => f.Rule == "DUTY-001").Path);
        Assert.Equal(1000m, missing.Duties!.CustomsValue);

        var given = Run(ToGb("85109000", header: h =>
        {
            h.Set(FieldNames.Incoterm, "FOB");
            h.Set(FieldNames.FreightAmount, 150m);
            h.Set(FieldNames.InsuranceAmount, 50m);
        }));
        Assert.DoesNotContain("DUTY-001", Ids(given));
        Assert.Equal(1200m, given.Duties!.CustomsValue);
        Assert.Equal(24m, given.Duties.TotalDuty);
        Assert.Equal(244.80m, given.Duties.TotalVat);
    }

    [Fact]
    public void FobBasis_DeductsFreight_ForCifTerms()
    {
        var o = Run(ToUs("0201300400", 1000m, h =>
        {
            h.Set(FieldNames.Incoterm, "CIF");
            h.Set(FieldNames.FreightAmount, 80m);
            h.Set(FieldNames.InsuranceAmount, 20m);
            h.Set(FieldNames.SellerCountry, "BR");
        }));
        Assert.Equal(900m, o.Duties!.CustomsValue);
        Assert.Equal(90m, o.Duties.TotalDuty); // 10% of 900
        Assert.Contains("DUTY-001", Ids(Run(ToUs("0201300400", 1000m, h => h.Set(FieldNames.Incoterm, "CIF")))));
    }

    [Fact]
    public void SpecificDuty_UsesTheDeclaredUnit()
    {
        // 0201.30.06: 4.4 cents/kg; 500 KGM -> 22.00 USD
        var doc = Docs.Invoice(h => { h.Set(FieldNames.Currency, "USD"); h.Set(FieldNames.Incoterm, "FOB"); h.Set(FieldNames.SellerCountry, "BR"); },
            Docs.Line(500, 4, 2000, "0201300600", unit: "KGM"));
        var d = Run(doc).Duties!;
        Assert.Equal(22.00m, d.TotalDuty);
        // Without a mass the duty cannot be computed: an info finding says why.
        var pieces = Docs.Invoice(h => { h.Set(FieldNames.Currency, "USD"); h.Set(FieldNames.Incoterm, "FOB"); h.Set(FieldNames.SellerCountry, "BR"); },
            Docs.Line(5, 400, 2000, "0201300600", unit: "C62"));
        var f = Assert.Single(Run(pieces).Findings, f => f.Rule == "DUTY-004");
        Assert.Contains("kg", f.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PreferentialRate_IsClaimable_ForAQualifyingOrigin()
    {
        var o = Run(ToUs("0201300400", 1000m, h => h.Set(FieldNames.SellerCountry, "AU")));
        var f = Assert.Single(o.Findings, f => f.Rule == "DUTY-002");
        Assert.Contains("proof of origin", f.Message, StringComparison.Ordinal);
        Assert.Equal(100m, o.Duties!.TotalDuty); // the general rate stays the estimate; the preference is a claim
        Assert.StartsWith("Free (AU", o.Duties.Lines[0].PreferentialRate, StringComparison.Ordinal);
        Assert.DoesNotContain("DUTY-002", Ids(Run(ToUs("0201300400", 1000m, h => h.Set(FieldNames.SellerCountry, "BR")))));
    }

    [Fact]
    public void Column2Origin_IsFlaggedAsAdditionalDuty()
    {
        var o = Run(ToUs("0201300400", 1000m, h => h.Set(FieldNames.SellerCountry, "RU")));
        Assert.Contains("column 2", Assert.Single(o.Findings, f => f.Rule == "DUTY-003").Message, StringComparison.Ordinal);
        Assert.Equal(200m, o.Duties!.TotalDuty); // 20%
    }

    [Fact]
    public void DeMinimis_IsDated()
    {
        // US: 800 USD until 28 Aug 2025, none after.
        var before = Run(ToUs("0201300400", 500m, h => { h.Set(FieldNames.IssueDate, "2025-01-15"); h.Set(FieldNames.SellerCountry, "BR"); }));
        Assert.Contains("DUTY-005", Ids(before));
        Assert.Equal(0m, before.Duties!.TotalDuty);
        var after = Run(ToUs("0201300400", 500m, h => { h.Set(FieldNames.IssueDate, "2025-09-15"); h.Set(FieldNames.SellerCountry, "BR"); }));
        Assert.Contains("does not apply", Assert.Single(after.Findings, f => f.Rule == "DUTY-005").Message, StringComparison.Ordinal);
        Assert.Equal(50m, after.Duties!.TotalDuty);
    }

    [Fact]
    public void RestrictedGoods_AreWarnings()
    {
        var f = Assert.Single(Run(ToUs("9306210000")).Findings, f => f.Rule == "RESTR-001");
        Assert.Equal(Severity.Warning, f.Severity);
        Assert.Contains("arms", f.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("RESTR-001", Ids(Run(ToUs("8471300100"))));
    }

    [Fact]
    public void Consistency_Weights_Dates_Quantities_Currency()
    {
        var weights = Run(ToUs("8471300100", header: h => { h.Set(FieldNames.NetWeightKg, 12m); h.Set(FieldNames.GrossWeightKg, 10m); }));
        Assert.Equal(FieldNames.NetWeightKg, Assert.Single(weights.Findings, f => f.Rule == "CONS-001").Path);

        var future = Run(ToUs("8471300100", header: h => h.Set(FieldNames.IssueDate, "2027-01-01")));
        Assert.Equal(Severity.Error, Assert.Single(future.Findings, f => f.Rule == "CONS-002").Severity);

        var zero = Docs.Invoice(null, Docs.Line(0, 50, 0, "8471300100"));
        var q0 = Assert.Single(Run(zero).Findings, f => f.Rule == "CONS-004");
        Assert.Equal("lines[0].quantity", q0.Path);
        Assert.Equal(Severity.Warning, q0.Severity);
        var negative = Docs.Invoice(null, Docs.Line(-1, 50, -50, "8471300100"));
        Assert.Equal(Severity.Info, Assert.Single(Run(negative).Findings, f => f.Rule == "CONS-004").Severity);

        var odd = Run(ToUs("8471300100", header: h => h.Set(FieldNames.Currency, "THB")));
        Assert.Single(odd.Findings, f => f.Rule == "CONS-005");
        Assert.DoesNotContain("CONS-005", Ids(Run(ToUs("8471300100"))));

        var export = Docs.Invoice(h => { h.Set(FieldNames.DeclarationType, "EXA"); h.Set(FieldNames.OriginCountry, "GB"); h.Set(FieldNames.DestinationCountry, "GB"); });
        Assert.Single(Run(export).Findings, f => f.Rule == "CONS-003");
    }

    [Fact]
    public void Duplicates_AreFound_ThroughThePort_AndInertWithoutIt()
    {
        var index = new InMemoryDuplicateIndex();
        var doc = ToUs("8471300100");
        Assert.DoesNotContain(Ids(Run(doc, duplicates: index, id: "a")), id => id.StartsWith("DUP", StringComparison.Ordinal));
        // The same document id again (a retried trigger) is not a duplicate.
        Assert.DoesNotContain(Ids(Run(doc, duplicates: index, id: "a")), id => id.StartsWith("DUP", StringComparison.Ordinal));
        // Other bytes, same content and invoice number: both rules fire.
        var again = Run(doc, duplicates: index, id: "b");
        Assert.Contains("DUP-001", Ids(again));
        Assert.Contains("DUP-002", Ids(again));
        // Same seller and number, different content: only DUP-001.
        var changed = Run(ToUs("8471300100", 2000m), duplicates: index, id: "c");
        Assert.Contains("DUP-001", Ids(changed));
        Assert.DoesNotContain("DUP-002", Ids(changed));
        // No index configured: inert.
        Assert.DoesNotContain(Ids(Run(doc, id: "z")), id => id.StartsWith("DUP", StringComparison.Ordinal));
    }

    [Fact]
    public void Versions_ListTheShippedPacks()
    {
        Assert.Contains("uk-global-tariff-2021", RuleEngine.CreateDefault().TariffVersions);
        Assert.Contains("us-htsus-2025", RuleEngine.CreateDefault().TariffVersions);
    }
}
