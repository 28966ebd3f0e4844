using CustomsFn.Core.Contract;
using CustomsFn.Core.Extraction.Wco;
using CustomsFn.Core.Model;
using CustomsFn.Core.Rules;
using CustomsFn.Core.Tariffs;

namespace CustomsFn.Tests.Tariffs;

/// <summary>
/// What a UK declaration's goods item claims (procedure, additional procedure codes, preference, DE 2/2 codes, national VAT
/// codes, duty override) and how the duty estimate applies it, with real codes of the UK pack: 8510 90 00 (2%) and
/// 2204 21 95 11 (GBP 10.00/hl).
/// </summary>
public sealed class DeclarationTreatmentTests
{
    private static readonly DateOnly Today = new(2026, 3, 1);

    private static FieldSet Item(string hs = "8510900000", decimal value = 1000m, Action<FieldSet>? more = null)
    {
        var l = new FieldSet();
        l.Set(FieldNames.ItemNumber, 1m);
        l.Set(FieldNames.HsCode, hs);
        l.Set(FieldNames.Amount, value);
        l.Set(FieldNames.CustomsProcedure, "4000");
        l.Set(FieldNames.AdditionalProcedure, "000");
        l.Set(FieldNames.Preference, "100");
        more?.Invoke(l);
        return l;
    }

    private static ExtractedDocument Declaration(FieldSet item, string exportCountry = "US")
    {
        var doc = new ExtractedDocument { Format = DocumentFormat.WcoDeclaration, DocumentType = DocumentType.CustomsDeclaration, Extractor = new ExtractorInfo("test", "1") };
        doc.Fields.Set(FieldNames.DeclarationNumber, "LRN-1");
        doc.Fields.Set(FieldNames.DeclarationType, "IMA");
        doc.Fields.Set(FieldNames.Currency, "GBP");
        doc.Fields.Set(FieldNames.Incoterm, "CIF");
        doc.Fields.Set(FieldNames.OriginCountry, exportCountry);
        doc.Fields.Set(FieldNames.DestinationCountry, "GB");
        doc.Lines.Add(item);
        return doc;
    }

    private static DutyLine Estimate(FieldSet item, string exportCountry = "US")
    {
        var duties = RuleEngine.CreateDefault().Run(Declaration(item, exportCountry), Today).Duties;
        Assert.NotNull(duties);
        return Assert.Single(duties.Lines);
    }

    [Fact]
    public void InvoiceLine_HasNoTreatment()
    {
        var l = new FieldSet();
        l.Set(FieldNames.HsCode, "85109000");
        l.Set(FieldNames.Amount, 10m);
        Assert.Null(DeclarationTreatment.Read(l));
    }

    [Fact]
    public void Read_ClassifiesTheDeclaredCodes()
    {
        var t = DeclarationTreatment.Read(Item(more: l =>
        {
            l.Set(FieldNames.CustomsProcedure, "5100");
            l.Set(FieldNames.AdditionalProcedure, "C07 1RV");
            l.Set(FieldNames.AdditionalInformation, "NIDOM OVR01");
            l.Set(FieldNames.NationalAdditionalCodes, "X413 VATR");
            l.Set(FieldNames.Preference, "320");
            l.Set(FieldNames.DeclaredDuty, 5m);
        }));
        Assert.NotNull(t);
        Assert.Equal("C07", t.DutyRelief);
        Assert.Equal("1RV", t.VatRelief);
        Assert.True(t.DomesticGbToNi);
        Assert.Equal("inward processing", t.Suspension);
        Assert.True(t.AgreementPreference);
        Assert.True(t.Quota);
        Assert.Equal(0.05m, t.VatRate);
        Assert.Equal("VATR", t.VatCode);
        Assert.Equal(5m, t.OverrideDuty);

        var plain = DeclarationTreatment.Read(Item());
        Assert.NotNull(plain);
        Assert.Null(plain.DutyRelief);
        Assert.Null(plain.VatRelief);
        Assert.Null(plain.Suspension);
        Assert.False(plain.AgreementPreference);
        Assert.False(plain.Quota);
        Assert.Null(plain.VatRate);
        Assert.Null(plain.OverrideDuty);
    }

    [Fact]
    public void DeclaredDuty_WithoutTheOverrideCode_IsNotAnOverride() =>
        Assert.Null(DeclarationTreatment.Read(Item(more: l => l.Set(FieldNames.DeclaredDuty, 5m)))!.OverrideDuty);

    [Theory]
    [InlineData("5100", "inward processing")]
    [InlineData("5300", "temporary admission")]
    [InlineData("7100", "customs warehousing")]
    [InlineData("4000", null)]
    [InlineData("4400", null)]
    public void SuspensiveProcedures(string procedure, string? expected) => Assert.Equal(expected, DeclarationTreatment.SuspensiveProcedure(procedure));

    [Fact]
    public void ThirdCountryDuty_AndVatOnValuePlusDuty()
    {
        var d = Estimate(Item());
        Assert.Equal(20.00m, d.Duty);
        Assert.Equal(204.00m, d.Vat);
    }

    [Fact]
    public void CSeriesRelief_RemovesTheDuty_NotTheVat()
    {
        var d = Estimate(Item(more: l => l.Set(FieldNames.AdditionalProcedure, "C28")));
        Assert.Equal(0m, d.Duty);
        Assert.Equal(200.00m, d.Vat);
        Assert.Contains("C28", d.Note, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(FieldNames.AdditionalProcedure, "1RV")]
    [InlineData(FieldNames.AdditionalInformation, "RVAT1")]
    [InlineData(FieldNames.AdditionalInformation, "NIDOM")]
    public void VatRelief_OrGbToNorthernIreland_RemovesTheVat(string field, string code)
    {
        var d = Estimate(Item(more: l => l.Set(field, code)));
        Assert.Equal(20.00m, d.Duty);
        Assert.Equal(0m, d.Vat);
    }

    [Theory]
    [InlineData("VATZ", 0)]
    [InlineData("VATE", 0)]
    [InlineData("VATR", 51.00)]
    public void NationalVatCode_SetsTheRate(string code, double vat)
    {
        var d = Estimate(Item(more: l => l.Set(FieldNames.NationalAdditionalCodes, code)));
        Assert.Equal((decimal)vat, d.Vat);
    }

    [Fact]
    public void AgreementPreference_ForAnOriginWithoutAUkAgreement_KeepsTheThirdCountryDuty_AndSaysWhy()
    {
        // The UK has no trade agreement with the US: the claim (300) finds no schedule, so the 2% third-country duty stays.
        var d = Estimate(Item(more: l => l.Set(FieldNames.Preference, "300")));
        Assert.Equal(20m, d.Duty);
        Assert.Equal(204.00m, d.Vat);
        Assert.Contains("no preferential rate for origin US", d.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void Quota_ShowsTheThirdCountryRate_AndSaysSo()
    {
        var d = Estimate(Item(more: l => l.Set(FieldNames.Preference, "120")));
        Assert.Equal(20.00m, d.Duty);
        Assert.Contains("quota", d.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void DutyOverride_UsesTheDeclaredDuty()
    {
        var d = Estimate(Item(value: 500m, more: l =>
        {
            l.Set(FieldNames.AdditionalInformation, "OVR01");
            l.Set(FieldNames.DeclaredDuty, 5m);
        }));
        Assert.Equal(5m, d.Duty);
        Assert.Contains("10.00", d.Note, StringComparison.Ordinal); // what the tariff gives, for comparison
    }

    [Fact]
    public void SuspensiveProcedure_KeepsTheAssessedAmounts_AndSaysTheyAreSuspended()
    {
        var d = Estimate(Item(more: l => l.Set(FieldNames.CustomsProcedure, "5100")));
        Assert.Equal(20.00m, d.Duty);
        Assert.Equal(204.00m, d.Vat);
        Assert.Contains("inward processing", d.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void SupplementaryQuantity_IsInTheTariffUnit_LitresForWine()
    {
        // 2204 21 95 11: GBP 10.00/hl; DE 6/2 1000 (litres, the CN supplementary unit) -> 10 hl -> 100.00.
        var d = Estimate(Item("2204219511", 5000m, l => l.Set(FieldNames.Quantity, 1000m)));
        Assert.Equal(100.00m, d.Duty);
        Assert.Equal(1020.00m, d.Vat);
    }

    [Fact]
    public void ImportDeclaration_FromGbToGb_IsStillEstimated()
    {
        // GB to Northern Ireland: export country and destination are both GB, yet the goods cross a customs border.
        var d = Estimate(Item(more: l => l.Set(FieldNames.AdditionalInformation, "NIDOM")), exportCountry: "GB");
        Assert.Equal(20.00m, d.Duty);
        Assert.Equal(0m, d.Vat);
    }

    [SkippableFact]
    public void CorpusDeclaration_CarriesTheCodesTheEstimateNeeds()
    {
        var path = Path.Combine(TestPaths.RequireCorpus("customs/hmrc-cds-trade-test-samples/examples/annotated_XML_samples/TT_IM080a"), "TT_IM080a.xml");
        var doc = WcoDeclarationExtractor.Read(File.ReadAllBytes(path));
        var item = Assert.Single(doc.Lines);
        Assert.Equal("C07 1RV", item.GetText(FieldNames.AdditionalProcedure));
        Assert.Equal("RVAT1", item.GetText(FieldNames.AdditionalInformation));
        var d = Assert.Single(RuleEngine.CreateDefault().Run(doc, Today).Duties!.Lines);
        Assert.Equal(0m, d.Duty); // GBP 135: at the de minimis
        Assert.Equal(0m, d.Vat);  // 1RV: import VAT relieved
    }
}
