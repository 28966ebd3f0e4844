using System.Text;
using System.Xml.Linq;
using CustomsFn.Core.Contract;
using CustomsFn.Core.Model;
using CustomsFn.Core.Rules;
using static CustomsFn.Tests.Structured.Structured;

namespace CustomsFn.Tests.Conformance;

/// <summary>
/// False positives on valid e-invoices: Rec 21 package units (XPP), MINIMUM / BASIC WL profiles without lines, and the line
/// amount tolerance. Each test starts from a real corpus invoice and changes only the property under test.
/// </summary>
public sealed class ProfileAwarenessTests
{
    private const string CiiEinfach = "einvoice/zugferd-corpus/XML-Rechnung/CII/EN16931_Einfach.cii.xml";
    private const string UblExample = "einvoice/en16931-connectingeurope/ubl/examples/ubl-tc434-example1.xml";

    private static readonly XNamespace Ram = "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100";
    private static readonly XNamespace Cbc = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2";

    [SkippableTheory]
    [InlineData("XPP")]
    [InlineData("XBX")]
    [InlineData("XCT")]
    [InlineData("H87")]
    [InlineData("XZZ")]
    public async Task Unit_Rec21PackageCodeOrRec20Code_RaisesNoCode004(string unit)
    {
        var xml = XDocument.Load(TestPaths.RequireCorpus(UblExample));
        foreach (var q in xml.Descendants(Cbc + "InvoicedQuantity")) q.SetAttributeValue("unitCode", unit);
        var result = await ProcessAsync(Bytes(xml), "unit.xml");
        Assert.NotEmpty(result.Lines);
        Assert.All(result.Lines, l => Assert.Equal(unit, l.GetText(FieldNames.UnitCode)));
        Assert.DoesNotContain(result.Findings, f => f.Rule == CodeListRules.Unit.Id);
    }

    [SkippableFact]
    public async Task Unit_NotInRec20Or21_StillRaisesCode004()
    {
        var xml = XDocument.Load(TestPaths.RequireCorpus(UblExample));
        xml.Descendants(Cbc + "InvoicedQuantity").First().SetAttributeValue("unitCode", "QQQ");
        var result = await ProcessAsync(Bytes(xml), "unit.xml");
        Assert.Contains(result.Findings, f => f.Rule == CodeListRules.Unit.Id);
    }

    [SkippableTheory]
    [InlineData("urn:factur-x.eu:1p0:basicwl")]
    [InlineData("urn:factur-x.eu:1p0:minimum")]
    [InlineData("urn:zugferd.de:2p0:basicwl")]
    public async Task Profile_WithoutLinesByDefinition_IsNotRejectedForHavingNoLines(string profile)
    {
        var result = await ProcessAsync(WithoutLines(profile), "basicwl.xml");
        Assert.Empty(result.Lines);
        Assert.DoesNotContain(result.Findings, f => f.Rule == RequiredFieldsRule.NoLines.Id);
    }

    [SkippableFact]
    public async Task Profile_En16931WithoutLines_IsStillRejectedForHavingNoLines()
    {
        var result = await ProcessAsync(WithoutLines("urn:cen.eu:en16931:2017"), "nolines.xml");
        Assert.Contains(result.Findings, f => f.Rule == RequiredFieldsRule.NoLines.Id && f.Severity == Severity.Error);
    }

    [Theory]
    [InlineData("100.02", false)]
    [InlineData("99.98", false)]
    [InlineData("100.03", true)]
    [InlineData("99.97", true)]
    public void LineAmount_WithinPeppolTolerance002_IsNotFlagged(string amount, bool flagged)
    {
        var doc = new ExtractedDocument { Format = DocumentFormat.Ubl, DocumentType = DocumentType.CommercialInvoice, Extractor = new ExtractorInfo("test", "1") };
        doc.Fields.Set(FieldNames.Currency, "EUR", null, null);
        var line = new FieldSet();
        line.Set(FieldNames.Quantity, 4m, null, null);
        line.Set(FieldNames.UnitPrice, 25m, null, null);
        line.Set(FieldNames.Amount, decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture), null, null);
        doc.Lines.Add(line);
        var findings = new RuleEngine([new ArithmeticRules()]).Evaluate(doc, new DateOnly(2026, 1, 1));
        Assert.Equal(flagged, findings.Any(f => f.Rule == ArithmeticRules.LineAmount.Id));
    }

    private static byte[] WithoutLines(string profile)
    {
        var xml = XDocument.Load(TestPaths.RequireCorpus(CiiEinfach));
        xml.Descendants(Ram + "GuidelineSpecifiedDocumentContextParameter").Elements(Ram + "ID").Single().Value = profile;
        xml.Descendants(Ram + "IncludedSupplyChainTradeLineItem").Remove();
        return Bytes(xml);
    }

    private static byte[] Bytes(XDocument xml) => Encoding.UTF8.GetBytes(xml.ToString(SaveOptions.DisableFormatting));
}
