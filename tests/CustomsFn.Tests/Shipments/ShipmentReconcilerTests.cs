using CustomsFn.Core.Contract;
using CustomsFn.Core.Model;
using CustomsFn.Core.Shipments;
using static CustomsFn.Tests.Shipments.ShipmentDocs;

namespace CustomsFn.Tests.Shipments;

/// <summary>Reconciliation rules over documents built in code, as the WCO, EDIFACT, PDF and OCR extractors will hand them over.</summary>
public sealed class ShipmentReconcilerTests
{
    private static ShipmentDocument Invoice(string incoterm, decimal lineTotal = 10000m, string currency = "EUR", Action<FieldSet>? more = null, params FieldSet[] lines) =>
        Doc(DocumentType.CommercialInvoice, f =>
        {
            f.Set(FieldNames.InvoiceNumber, "INV-1");
            f.Set(FieldNames.IssueDate, "2026-10-01");
            f.Set(FieldNames.Currency, currency);
            Parties(f);
            f.Set(FieldNames.Incoterm, incoterm);
            f.Set(FieldNames.LineTotal, lineTotal);
            more?.Invoke(f);
        }, lines.Length > 0 ? lines : [Line("Hydraulic pump", "841360", 10, amount: lineTotal)]);

    private static ShipmentDocument Declaration(decimal? customsValue, string destination = "GB", decimal? freight = null, decimal? insurance = null, string currency = "EUR", Action<FieldSet>? more = null, params FieldSet[] lines) =>
        Doc(DocumentType.CustomsDeclaration, f =>
        {
            f.Set(FieldNames.DeclarationNumber, "26GB000000000001");
            f.Set(FieldNames.InvoiceReference, "INV-1");
            f.Set(FieldNames.Currency, currency);
            f.Set(FieldNames.DestinationCountry, destination);
            Parties(f);
            if (customsValue is { } v) f.Set(FieldNames.CustomsValue, v);
            if (freight is { } fr) f.Set(FieldNames.FreightAmount, fr);
            if (insurance is { } ins) f.Set(FieldNames.InsuranceAmount, ins);
            more?.Invoke(f);
        }, lines.Length > 0 ? lines : [Line("Hydraulic pumps", "84136000", 10)]);

    private static List<string> Rules(ShipmentResult r) => r.Findings.Select(f => f.Rule).Order(StringComparer.Ordinal).ToList();

    [Fact]
    public void CustomsValue_CifBasis_FobInvoice_AddsDeclaredFreightAndInsurance()
    {
        var invoice = Invoice("FOB");
        var ok = Reconcile(invoice, Declaration(10850m, freight: 800m, insurance: 50m));
        Assert.Empty(ok.Findings);
        Assert.Equal(ShipmentVerdict.Consistent, ok.Verdict);
        Assert.Equal("CIF", ok.Valuation!.Basis);
        Assert.Equal(10850m, ok.Valuation.Expected);

        var low = Reconcile(invoice, Declaration(10000m, freight: 800m, insurance: 50m));
        var f = Assert.Single(low.Findings);
        Assert.Equal("SHIP-050", f.Rule);
        Assert.Equal(Severity.Error, f.Severity);
        Assert.Contains("customs declaration 26GB000000000001", f.Message, StringComparison.Ordinal);
        Assert.Contains("commercial invoice INV-1", f.Message, StringComparison.Ordinal);
        Assert.Equal(-850m, low.Valuation!.Difference);
        Assert.Equal([FieldNames.CustomsValue, FieldNames.LineTotal], f.Evidence.Select(e => e.Path));
        Schemas.AssertValid(Schemas.Shipment, ResultSerializer.Serialize(low), "shipment");
    }

    [Fact]
    public void CustomsValue_CifInvoice_WithFreightChargedOnTheInvoice_IsPartOfThePricePaid()
    {
        var invoice = Invoice("CIF", more: f => { f.Set(FieldNames.FreightAmount, 500m); f.Set(FieldNames.InsuranceAmount, 30m); });
        // The declaration's own freight figure is not added again: under CIF the seller pays carriage and insurance.
        var r = Reconcile(invoice, Declaration(10530m, freight: 500m, insurance: 30m));
        Assert.Empty(r.Findings);
        Assert.Equal(10530m, r.Valuation!.Expected);
    }

    [Fact]
    public void CustomsValue_FobBasisForTheUs_DeductsCarriageIncludedInACifPrice()
    {
        var r = Reconcile(Invoice("CIF", currency: "USD"), Declaration(9360m, destination: "US", freight: 600m, insurance: 40m, currency: "USD"));
        Assert.Empty(r.Findings);
        Assert.Equal("FOB", r.Valuation!.Basis);
        Assert.Equal(-600m, r.Valuation.Freight);
        Assert.Equal(-40m, r.Valuation.Insurance);

        var asCif = Reconcile(Invoice("CIF", currency: "USD"), Declaration(10000m, destination: "US", freight: 600m, insurance: 40m, currency: "USD"));
        Assert.Equal(["SHIP-050"], Rules(asCif));
    }

    [Fact]
    public void CustomsValue_FromLineValues_WhenTheDeclarationGivesNoTotal()
    {
        var l1 = Line("Hydraulic pumps", "84136000", 10);
        l1.Set(FieldNames.CustomsValue, 6000m);
        var l2 = Line("Hydraulic pumps spare", "84136000", 1);
        l2.Set(FieldNames.CustomsValue, 4000m);
        var invoice = Invoice("CPT", lines: [Line("Hydraulic pump", "841360", 10, amount: 6000m), Line("Hydraulic pump spare", "841360", 1, amount: 4000m)]);
        var r = Reconcile(invoice, Declaration(null, lines: [l1, l2]));
        Assert.Equal(10000m, r.Valuation!.Declared);
        Assert.Empty(r.Findings);
    }

    [Theory]
    [InlineData("EXW", "SHIP-051")] // price excludes carriage, and no freight is stated anywhere
    [InlineData("DDP", "SHIP-051")] // price includes import duties that must come off
    [InlineData("XYZ", "SHIP-051")] // no Incoterms 2020 rule: what the price covers is unknown
    public void CustomsValue_ThatCannotBeChecked_IsAWarning(string incoterm, string rule)
    {
        var r = Reconcile(Invoice(incoterm), Declaration(10000m, more: f => f.Set(FieldNames.Incoterm, incoterm)));
        Assert.Equal([rule], Rules(r));
        Assert.Equal(ShipmentVerdict.NeedsReview, r.Verdict);
        Assert.Null(r.Valuation);
    }

    [Fact]
    public void Currency_Differs_IsReported_AndNoValueIsComparedAcrossCurrencies()
    {
        var r = Reconcile(Invoice("FOB"), Declaration(9000m, freight: 1m, currency: "GBP", more: f => f.Set(FieldNames.TotalAmount, 1m)));
        Assert.Equal(["SHIP-030"], Rules(r));
        Assert.Null(r.Valuation);
    }

    [Fact]
    public void DeclarationTotalsAndLineValues_AreComparedWithTheInvoice()
    {
        var invoice = Invoice("FOB", 10000m, more: f => f.Set(FieldNames.TotalAmount, 10000m), lines: [Line("Hydraulic pump", "841360", 10, amount: 10000m)]);
        var declaration = Declaration(10900m, freight: 900m, more: f => f.Set(FieldNames.TotalAmount, 9000m), lines: [Line("Hydraulic pumps", "84136000", 10, amount: 9000m)]);
        var r = Reconcile(invoice, declaration);
        Assert.Equal(["SHIP-017", "SHIP-031"], Rules(r));
        var line = r.Findings.Single(f => f.Rule == "SHIP-017");
        Assert.Equal(["lines[0].amount", "lines[0].amount"], line.Evidence.Select(e => e.Path));
        Assert.Equal([DocumentType.CustomsDeclaration, DocumentType.CommercialInvoice], line.Evidence.Select(e => e.DocumentType));
    }

    [Theory]
    [InlineData("TNE", 2, "KGM", 2000, false)]
    [InlineData("TNE", 2, "KGM", 1900, true)]
    [InlineData("C62", 10, "C62", 10, false)]
    [InlineData("C62", 10, "C62", 11, true)]
    [InlineData("DZN", 2, "C62", 24, false)]
    [InlineData("KGM", 5, "C62", 7, false)] // kilograms against pieces: not comparable, not a mismatch
    public void Quantities_AreComparedInTheSameUnit(string unitA, decimal qtyA, string unitB, decimal qtyB, bool mismatch)
    {
        var invoice = Invoice("FOB", lines: [Line("Copper wire, enamelled", "854411", qtyA, unitA, amount: 10000m)]);
        var packing = Doc(DocumentType.PackingList, f => { f.Set(FieldNames.InvoiceReference, "INV-1"); Parties(f); }, Line("Enamelled copper wire", "854411", qtyB, unitB));
        var r = Reconcile(invoice, packing);
        Assert.Equal(mismatch ? ["SHIP-012"] : [], Rules(r));
    }

    [Theory]
    [InlineData("85044090", "850440", false)] // equal at the 6 digits both give
    [InlineData("85044090", "85044030", true)]
    [InlineData("850440", "850450", true)]
    public void HsCodes_AreComparedAtThePrecisionBothGive(string a, string b, bool mismatch)
    {
        var invoice = Invoice("FOB", lines: [Line("Static converter, power supply 24 V", a, 5, amount: 10000m)]);
        var packing = Doc(DocumentType.PackingList, f => { f.Set(FieldNames.InvoiceReference, "INV-1"); Parties(f); }, Line("Power supply 24 V (static converter)", b, 5));
        Assert.Equal(mismatch ? ["SHIP-013"] : [], Rules(Reconcile(invoice, packing)));
    }

    [Fact]
    public void Parties_DifferingOnlyInLegalFormAndCase_Agree_ButATaxIdOrCountryDoesNot()
    {
        var invoice = Invoice("FOB", more: f => f.Set(FieldNames.SellerTaxId, "DE811234567"));
        var same = Doc(DocumentType.PackingList, f => { Parties(f, seller: "ACME INDUSTRIAL", buyer: "Globex Imports Limited"); f.Set(FieldNames.SellerTaxId, "DE 811 234 567"); });
        Assert.Empty(Reconcile(invoice, same).Findings);

        var other = Doc(DocumentType.PackingList, f => { Parties(f, seller: "Acme Industrial GmbH"); f.Set(FieldNames.SellerTaxId, "DE999999999"); f.Set(FieldNames.SellerCountry, "AT"); });
        var finding = Assert.Single(Reconcile(invoice, other).Findings);
        Assert.Equal("SHIP-040", finding.Rule);
        Assert.Contains("tax id DE999999999 against DE811234567", finding.Message, StringComparison.Ordinal);
        Assert.Contains("country AT against DE", finding.Message, StringComparison.Ordinal);
        Assert.Equal(4, finding.Evidence.Count);
    }

    [Fact]
    public void IncotermPlace_Differs_IsAWarning_OnlyWhenTheRuleAgrees()
    {
        var invoice = Invoice("FOB", more: f => f.Set(FieldNames.IncotermPlace, "Hamburg"));
        var packing = Doc(DocumentType.PackingList, f => { Parties(f); f.Set(FieldNames.Incoterm, "FOB"); f.Set(FieldNames.IncotermPlace, "Bremerhaven"); });
        var r = Reconcile(invoice, packing);
        Assert.Equal(["SHIP-043"], Rules(r));
        Assert.Equal(ShipmentVerdict.NeedsReview, r.Verdict);
    }

    [Fact]
    public void LineNetWeights_AndTotals_UseTheTolerance()
    {
        var invoice = Invoice("FOB", more: f => { f.Set(FieldNames.GrossWeightKg, 1000m); f.Set(FieldNames.NetWeightKg, 900m); },
            lines: [Line("Cast iron valve body", "848180", 100, amount: 10000m, netKg: 900m)]);
        var packing = Doc(DocumentType.PackingList, f => { Parties(f); f.Set(FieldNames.GrossWeightKg, 1004.9m); f.Set(FieldNames.NetWeightKg, 930m); },
            Line("Valve bodies, cast iron", "848180", 100, netKg: 930m));
        // 4.9 kg on 1005 kg is within 0.5 %; 30 kg on 930 kg is not.
        Assert.Equal(["SHIP-016", "SHIP-021"], Rules(Reconcile(invoice, packing)));
    }

    [Fact]
    public void UnreadableDocuments_NoInvoice_AndSingleDocuments_AreSaidSo()
    {
        var unreadable = Doc(DocumentType.Unknown, _ => { }) with { Unreadable = true, Status = ResultStatus.Rejected };
        var packing = Doc(DocumentType.PackingList, _ => { });
        var certificate = Doc(DocumentType.CertificateOfOrigin, _ => { });
        var r = Reconcile(unreadable, packing, certificate);
        Assert.Equal(["SHIP-001", "SHIP-002"], Rules(r));
        Assert.Equal(ShipmentVerdict.Incomplete, r.Verdict);

        var single = Reconcile(Invoice("FOB"));
        Assert.Empty(single.Findings);
        Assert.Equal(ShipmentVerdict.Incomplete, single.Verdict);
    }

    [Fact]
    public void AQuotedInvoiceThatIsNotTheShipmentsInvoice_IsReported()
    {
        var packing = Doc(DocumentType.PackingList, f => { Parties(f); f.Set(FieldNames.InvoiceReference, "INV-9"); });
        var f = Assert.Single(Reconcile(Invoice("FOB"), packing).Findings);
        Assert.Equal("SHIP-003", f.Rule);
        Assert.Contains("INV-9", f.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CreditNotes_AreListed_ButNotReconciled()
    {
        var credit = Doc(DocumentType.CreditNote, f => Parties(f, seller: "Somebody Else"), Line("Returned pump", "841360", 1));
        var r = Reconcile(Invoice("FOB"), credit);
        Assert.Empty(r.Findings);
        Assert.Equal(2, r.Documents.Count);
    }

    [Fact]
    public void TheSameDocuments_InAnyInputOrder_GiveTheSameResult()
    {
        var docs = new[]
        {
            Invoice("FOB", lines: [Line("Pump", "841360", 10, amount: 6000m), Line("Valve", "848180", 5, amount: 4000m)]),
            Doc(DocumentType.PackingList, f => { Parties(f); f.Set(FieldNames.GrossWeightKg, 10m); }, Line("Valves", "848180", 4), Line("Pumps", "841360", 10)),
            Declaration(10000m, freight: 1m),
        };
        var a = ResultSerializer.Serialize(Reconcile(docs[0], docs[1], docs[2]));
        Assert.Equal(a, ResultSerializer.Serialize(Reconcile(docs[2], docs[0], docs[1])));
        Assert.Equal(a, ResultSerializer.Serialize(Reconcile(docs[1], docs[2], docs[0])));
    }
}
