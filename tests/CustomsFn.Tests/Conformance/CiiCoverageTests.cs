using System.Text.RegularExpressions;
using System.Xml.Linq;
using CustomsFn.Core.Conformance;
using CustomsFn.Core.Contract;

namespace CustomsFn.Tests.Conformance;

/// <summary>
/// The EN 16931 CII rules added beyond the core subset (BR-CO-03/09/19..26, BR-41..44, per-category -02..-07, BR-O-11..14,
/// BR-IC-11/12, BR-DEC-*): a valid XML-Rechnung CII invoice on which none fires, changed in one place so that the rule fires.
/// </summary>
public sealed class CiiCoverageTests
{
    private const string Base = "einvoice/zugferd-corpus/XML-Rechnung/CII/EN16931_Einfach.cii.xml";
    private const string Terms = "<ram:SpecifiedTradePaymentTerms>";
    private const string HeaderAc = "<ram:SpecifiedTradeAllowanceCharge><ram:ChargeIndicator><udt:Indicator>{0}</udt:Indicator></ram:ChargeIndicator><ram:ActualAmount>{1}</ram:ActualAmount><ram:Reason>x</ram:Reason><ram:CategoryTradeTax><ram:TypeCode>VAT</ram:TypeCode><ram:CategoryCode>S</ram:CategoryCode><ram:RateApplicablePercent>{2}</ram:RateApplicablePercent></ram:CategoryTradeTax></ram:SpecifiedTradeAllowanceCharge>" + Terms;

    [SkippableTheory]
    [InlineData("BR-CO-03", "(<ram:BasisAmount>275.00</ram:BasisAmount>\\s*<ram:CategoryCode>S</ram:CategoryCode>)", "$1<ram:TaxPointDate><udt:DateString format=\"102\">20180305</udt:DateString></ram:TaxPointDate><ram:DueDateTypeCode>5</ram:DueDateTypeCode>")]
    [InlineData("BR-CO-09", "<ram:ID schemeID=\"VA\">DE123456789</ram:ID>", "<ram:ID schemeID=\"VA\">QQ123456789</ram:ID>")]
    [InlineData("BR-CO-19", Terms, "<ram:BillingSpecifiedPeriod><ram:Description>x</ram:Description></ram:BillingSpecifiedPeriod>" + Terms)]
    [InlineData("BR-CO-20", "<ram:SpecifiedTradeSettlementLineMonetarySummation>", "<ram:BillingSpecifiedPeriod><ram:Description>x</ram:Description></ram:BillingSpecifiedPeriod><ram:SpecifiedTradeSettlementLineMonetarySummation>")]
    [InlineData("BR-41", "<ram:SpecifiedTradeSettlementLineMonetarySummation>", "<ram:SpecifiedTradeAllowanceCharge><ram:ChargeIndicator><udt:Indicator>false</udt:Indicator></ram:ChargeIndicator></ram:SpecifiedTradeAllowanceCharge><ram:SpecifiedTradeSettlementLineMonetarySummation>")]
    [InlineData("BR-CO-23", "<ram:SpecifiedTradeSettlementLineMonetarySummation>", "<ram:SpecifiedTradeAllowanceCharge><ram:ChargeIndicator><udt:Indicator>false</udt:Indicator></ram:ChargeIndicator><ram:ActualAmount>1</ram:ActualAmount></ram:SpecifiedTradeAllowanceCharge><ram:SpecifiedTradeSettlementLineMonetarySummation>")]
    [InlineData("BR-43", "<ram:SpecifiedTradeSettlementLineMonetarySummation>", "<ram:SpecifiedTradeAllowanceCharge><ram:ChargeIndicator><udt:Indicator>true</udt:Indicator></ram:ChargeIndicator></ram:SpecifiedTradeAllowanceCharge><ram:SpecifiedTradeSettlementLineMonetarySummation>")]
    [InlineData("BR-CO-24", "<ram:SpecifiedTradeSettlementLineMonetarySummation>", "<ram:SpecifiedTradeAllowanceCharge><ram:ChargeIndicator><udt:Indicator>true</udt:Indicator></ram:ChargeIndicator><ram:ActualAmount>1</ram:ActualAmount></ram:SpecifiedTradeAllowanceCharge><ram:SpecifiedTradeSettlementLineMonetarySummation>")]
    [InlineData("BR-CO-25", "<ram:Description>Zahlbar[^<]*</ram:Description>", "")]
    [InlineData("BR-CO-26", "<ram:ID>549910</ram:ID>||<ram:GlobalID schemeID=\"0088\">4000001123452</ram:GlobalID>||<ram:ID schemeID=\"VA\">DE123456789</ram:ID>", "||||<ram:ID schemeID=\"FC\">201/113/40209</ram:ID>")]
    [InlineData("BR-S-02", "(?s)<ram:SpecifiedTaxRegistration>.*?</ram:SpecifiedTaxRegistration>\\s*<ram:SpecifiedTaxRegistration>.*?</ram:SpecifiedTaxRegistration>", "")]
    [InlineData("BR-S-05", "<ram:RateApplicablePercent>19.00</ram:RateApplicablePercent>", "<ram:RateApplicablePercent>0.00</ram:RateApplicablePercent>")]
    [InlineData("BR-Z-05", "<ram:CategoryCode>S</ram:CategoryCode>(\\s*<ram:RateApplicablePercent>19.00)", "<ram:CategoryCode>Z</ram:CategoryCode>$1")]
    [InlineData("BR-S-06", Terms, "false|1.00|0")]
    [InlineData("BR-S-07", Terms, "true|1.00|0")]
    [InlineData("BR-DEC-01", Terms, "false|1.001|19")]
    [InlineData("BR-DEC-05", Terms, "true|1.001|19")]
    [InlineData("BR-DEC-23", "<ram:LineTotalAmount>198.00</ram:LineTotalAmount>", "<ram:LineTotalAmount>198.001</ram:LineTotalAmount>")]
    [InlineData("BR-DEC-12", "<ram:TaxBasisTotalAmount>473.00</ram:TaxBasisTotalAmount>", "<ram:TaxBasisTotalAmount>473.000</ram:TaxBasisTotalAmount>")]
    [InlineData("BR-DEC-19", "<ram:BasisAmount>275.00</ram:BasisAmount>", "<ram:BasisAmount>275.000</ram:BasisAmount>")]
    [InlineData("BR-O-11", Terms, "<ram:ApplicableTradeTax><ram:CalculatedAmount>0</ram:CalculatedAmount><ram:TypeCode>VAT</ram:TypeCode><ram:ExemptionReason>x</ram:ExemptionReason><ram:BasisAmount>0</ram:BasisAmount><ram:CategoryCode>O</ram:CategoryCode></ram:ApplicableTradeTax>" + Terms)]
    [InlineData("BR-O-12", Terms, "<ram:ApplicableTradeTax><ram:CalculatedAmount>0</ram:CalculatedAmount><ram:TypeCode>VAT</ram:TypeCode><ram:ExemptionReason>x</ram:ExemptionReason><ram:BasisAmount>0</ram:BasisAmount><ram:CategoryCode>O</ram:CategoryCode></ram:ApplicableTradeTax>" + Terms)]
    [InlineData("BR-IC-12", Terms, "<ram:ApplicableTradeTax><ram:CalculatedAmount>0</ram:CalculatedAmount><ram:TypeCode>VAT</ram:TypeCode><ram:ExemptionReason>x</ram:ExemptionReason><ram:BasisAmount>0</ram:BasisAmount><ram:CategoryCode>K</ram:CategoryCode><ram:RateApplicablePercent>0</ram:RateApplicablePercent></ram:ApplicableTradeTax>" + Terms)]
    public void CiiRule_FiresOnTheChangedInvoice_NotOnTheValidOne(string rule, string find, string replace)
    {
        var text = File.ReadAllText(TestPaths.RequireCorpus(Base));
        Assert.DoesNotContain(rule, Errors(text));
        if (replace.Split('|') is [var indicator, var amount, var rate] && !replace.Contains('<', StringComparison.Ordinal))
            replace = string.Format(System.Globalization.CultureInfo.InvariantCulture, HeaderAc, indicator, amount, rate);
        var changed = text;
        foreach (var (f, r) in find.Split("||").Zip(replace.Split("||")))
        {
            var next = new Regex(f).Replace(changed, r, 1);
            Assert.True(next != changed, $"'{f}' does not match");
            changed = next;
        }
        var fired = Errors(changed);
        Assert.True(fired.Contains(rule), $"{rule} did not fire; fired: {string.Join(", ", fired)}");
    }

    [SkippableFact]
    public void DecimalRules_DoNotApplyToFacturXExtended()
    {
        var text = File.ReadAllText(TestPaths.RequireCorpus(Base))
            .Replace("<ram:LineTotalAmount>198.00</ram:LineTotalAmount>", "<ram:LineTotalAmount>198.0000</ram:LineTotalAmount>", StringComparison.Ordinal);
        Assert.Contains("BR-DEC-23", Errors(text));
        var extended = text.Replace("<ram:ID>urn:cen.eu:en16931:2017</ram:ID>", "<ram:ID>urn:cen.eu:en16931:2017#conformant#urn:factur-x.eu:1p0:extended</ram:ID>", StringComparison.Ordinal);
        Assert.NotEqual(text, extended);
        Assert.DoesNotContain("BR-DEC-23", Errors(extended));
    }

    private static List<string> Errors(string xml) =>
        ConformanceValidator.Default.Validate(XDocument.Parse(xml))!.Findings.Where(f => f.Severity == Severity.Error).Select(f => f.RuleId).Distinct().ToList();
}
