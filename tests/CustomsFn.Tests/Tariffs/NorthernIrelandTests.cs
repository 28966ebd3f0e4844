using CustomsFn.Core.Contract;
using CustomsFn.Core.Model;
using CustomsFn.Core.Rules;
using CustomsFn.Core.Tariffs;

namespace CustomsFn.Tests.Tariffs;

/// <summary>Northern Ireland imports (AI NIIMP): the declared risk codes say whether UK duty or the EU duty applies.</summary>
public sealed class NorthernIrelandTests
{
    private static FieldSet Item(string codes)
    {
        var l = new FieldSet();
        l.Set(FieldNames.HsCode, "9503004100"); // stuffed toys: 4% UK
        l.Set(FieldNames.Amount, 1500m);
        l.Set(FieldNames.CustomsProcedure, "4000");
        l.Set(FieldNames.AdditionalInformation, codes);
        return l;
    }

    private static DutyLine Estimate(string codes)
    {
        var doc = new ExtractedDocument { Format = DocumentFormat.WcoDeclaration, DocumentType = DocumentType.CustomsDeclaration, Extractor = new ExtractorInfo("test", "1") };
        doc.Fields.Set(FieldNames.DeclarationType, "IMA");
        doc.Fields.Set(FieldNames.Currency, "GBP");
        doc.Fields.Set(FieldNames.DestinationCountry, "XI");
        doc.Fields.Set(FieldNames.OriginCountry, "US");
        doc.Lines.Add(Item(codes));
        return Assert.Single(RuleEngine.CreateDefault().Run(doc, new DateOnly(2026, 3, 1)).Duties!.Lines);
    }

    [Theory]
    [InlineData("NIIMP NIREM", "not at risk (NIIMP, NIREM): UK duty")]
    [InlineData("NIIMP", "the goods are at risk, so the EU duty (tax type A50)")]
    [InlineData("NIIMP NIREM EUPRF", "EU preference claimed (NIIMP, EUPRF)")]
    public void DeclaredRiskCodes_SayWhichDutyApplies(string codes, string expected)
    {
        var line = Estimate(codes);
        Assert.Equal(60m, line.Duty); // the UK duty is what the estimate computes
        Assert.Contains(expected, line.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void WithoutNiimp_ThereIsNoNorthernIrelandNote()
    {
        var t = DeclarationTreatment.Read(Item("00500"))!;
        Assert.Null(t.NorthernIrelandNote);
        Assert.True(DeclarationTreatment.Read(Item("NIIMP NIREM"))!.NorthernIrelandNotAtRisk);
    }
}
