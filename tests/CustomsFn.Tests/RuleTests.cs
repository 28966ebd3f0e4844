using CustomsFn.Core.Contract;
using CustomsFn.Core.Model;
using CustomsFn.Core.Rules;
using CustomsFn.Tests.Support;

namespace CustomsFn.Tests;

public sealed class RuleTests
{
    private static readonly DateOnly Today = new(2026, 11, 26);

    private static IReadOnlyList<Finding> Run(ExtractedDocument doc, string? destination = null) =>
        new RuleEngine(RuleEngine.CoreRules()).Evaluate(doc, Today, destination);

    private static Finding Single(IReadOnlyList<Finding> findings, string rule) =>
        Assert.Single(findings, f => f.Rule == rule);

    [Fact]
    public void CleanInvoice_HasNoFindings()
    {
        Assert.Empty(Run(Docs.Invoice()));
    }

    [Theory]
    [InlineData(FieldNames.InvoiceNumber)]
    [InlineData(FieldNames.IssueDate)]
    [InlineData(FieldNames.Currency)]
    [InlineData(FieldNames.SellerName)]
    [InlineData(FieldNames.BuyerName)]
    [InlineData(FieldNames.TotalAmount)]
    public void Req001_MissingRequiredField_IsAnErrorAtThatPath(string field)
    {
        var f = Single(Run(Docs.Invoice(h => h.Remove(field))), "REQ-001");
        Assert.Equal(Severity.Error, f.Severity);
        Assert.Equal(field, f.Path);
        Assert.Contains(field, f.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Req002_InvoiceWithoutLines()
    {
        var doc = Docs.Invoice();
        doc.Lines.Clear();
        Assert.Equal("lines", Single(Run(doc), "REQ-002").Path);
    }

    [Fact]
    public void Req003_MissingHsCode_OnlyForCrossBorderInvoices()
    {
        var crossBorder = Docs.Invoice(null, Docs.Line(2, 50, 100, hs: null));
        var f = Single(Run(crossBorder), "REQ-003");
        Assert.Equal(Severity.Warning, f.Severity);
        Assert.Equal("lines[0].hsCode", f.Path);

        var domestic = Docs.Invoice(h => h.Set(FieldNames.BuyerCountry, "DE"), Docs.Line(2, 50, 100, hs: null));
        Assert.DoesNotContain(Run(domestic), x => x.Rule == "REQ-003");

        var intraEu = Docs.Invoice(h => h.Set(FieldNames.BuyerCountry, "FR"), Docs.Line(2, 50, 100, hs: null));
        Assert.DoesNotContain(Run(intraEu), x => x.Rule == "REQ-003");

        // The blob's destination metadata overrides: a DE->DE invoice shipped to CH crosses a border.
        Assert.Contains(Run(domestic, destination: "CH"), x => x.Rule == "REQ-003");
    }

    [Fact]
    public void Code001_NonIsoCurrency()
    {
        var f = Single(Run(Docs.Invoice(h => h.Set(FieldNames.Currency, "RMB"))), "CODE-001");
        Assert.Equal(FieldNames.Currency, f.Path);
        Assert.Contains("'RMB'", f.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Code002_BadCountry_InHeaderAndLines()
    {
        var line = Docs.Line(2, 50, 100);
        line.Set(FieldNames.OriginCountry, "UK");
        var findings = Run(Docs.Invoice(h => h.Set(FieldNames.SellerCountry, "EU"), line)).Where(f => f.Rule == "CODE-002").ToList();
        Assert.Equal(["sellerCountry", "lines[0].originCountry"], findings.Select(f => f.Path));
    }

    [Fact]
    public void Code003_WithdrawnIncoterm_SaysWhat()
    {
        var f = Single(Run(Docs.Invoice(h => h.Set(FieldNames.Incoterm, "DAT"))), "CODE-003");
        Assert.Contains("DPU", f.Message, StringComparison.Ordinal);
        Assert.Empty(Run(Docs.Invoice(h => h.Set(FieldNames.Incoterm, "FCA"))));
    }

    [Fact]
    public void Code004_UnknownUnit_IsAWarning()
    {
        var f = Single(Run(Docs.Invoice(null, Docs.Line(2, 50, 100, unit: "PCS"))), "CODE-004");
        Assert.Equal(Severity.Warning, f.Severity);
        Assert.Equal("lines[0].unitCode", f.Path);
    }

    [Theory]
    [InlineData("2026-02-30")]
    [InlineData("04.03.2026")]
    public void Code005_InvalidDate(string date)
    {
        Assert.Equal(FieldNames.IssueDate, Single(Run(Docs.Invoice(h => h.Set(FieldNames.IssueDate, date))), "CODE-005").Path);
    }

    [Fact]
    public void Code006_TextWhereANumberBelongs()
    {
        var f = Single(Run(Docs.Invoice(h => h.Set(FieldNames.TotalAmount, "one hundred"))), "CODE-006");
        Assert.Equal(FieldNames.TotalAmount, f.Path);
    }

    [Theory]
    [InlineData("84713")]
    [InlineData("8471.3")]
    [InlineData("HS847130")]
    public void Hs001_MalformedCode_IsAnErrorWithTheReason(string code)
    {
        var f = Single(Run(Docs.Invoice(null, Docs.Line(2, 50, 100, hs: code))), "HS-001");
        Assert.Equal(Severity.Error, f.Severity);
        Assert.Equal("lines[0].hsCode", f.Path);
    }

    [Fact]
    public void Arith001_LineAmountMismatch_NamesTheNumbers_AndPointsAtTheEvidence()
    {
        var f = Single(Run(Docs.Invoice(null, Docs.Line(3, 50, 100))), "ARITH-001");
        Assert.Equal("lines[0].amount", f.Path);
        Assert.Contains("quantity 3 x unit price 50 = 150", f.Message, StringComparison.Ordinal);
        Assert.Equal("/Invoice/cac:InvoiceLine/cbc:LineExtensionAmount", f.Source?.Path);
        Assert.Equal(40, f.Source?.Line);
    }

    [Fact]
    public void Arith001_HonoursBaseQuantityAllowancesAndRounding()
    {
        var line = Docs.Line(3, 0.333m, 1m); // 0.999 rounds to 1.00 within one cent
        var perHundred = Docs.Line(250, 12m, 27m); // 12 per 100 units: 30, less a 3.00 allowance
        perHundred.Set(FieldNames.PriceBaseQuantity, 100m);
        perHundred.Set(FieldNames.AllowanceAmount, 3m);
        var findings = Run(Docs.Invoice(h => { h.Set(FieldNames.LineTotal, 28m); h.Set(FieldNames.TotalAmount, 28m); }, line, perHundred));
        Assert.DoesNotContain(findings, f => f.Rule.StartsWith("ARITH", StringComparison.Ordinal));
    }

    [Fact]
    public void Arith001_ToleranceFollowsTheCurrency_YenHasNoMinorUnit()
    {
        var findings = Run(Docs.Invoice(h => { h.Set(FieldNames.Currency, "JPY"); h.Set(FieldNames.TotalAmount, 1001m); }, Docs.Line(3, 333.5m, 1001m)));
        Assert.DoesNotContain(findings, f => f.Rule == "ARITH-001"); // 1000.5 vs 1001: within one yen
    }

    [Fact]
    public void Arith002_LinesDoNotSumToLineTotal()
    {
        var f = Single(Run(Docs.Invoice(h => h.Set(FieldNames.LineTotal, 90m))), "ARITH-002");
        Assert.Contains("add up to 100", f.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Arith003_And_004_Totals()
    {
        var findings = Run(Docs.Invoice(h =>
        {
            h.Set(FieldNames.LineTotal, 100m);
            h.Set(FieldNames.ChargeTotalAmount, 10m);
            h.Set(FieldNames.TaxExclusiveAmount, 100m); // should be 110
            h.Set(FieldNames.TaxAmount, 19m);
            h.Set(FieldNames.TotalAmount, 120m); // should be 119
        }));
        Assert.Equal(FieldNames.TaxExclusiveAmount, Single(findings, "ARITH-003").Path);
        Assert.Equal(FieldNames.TotalAmount, Single(findings, "ARITH-004").Path);
    }

    [Fact]
    public void Conf001_LowConfidenceOnRequiredField_NeedsReview()
    {
        var doc = Docs.Invoice(h => h.Set(FieldNames.TotalAmount, 100m, 0.42));
        var findings = Run(doc);
        Assert.Equal(FieldNames.TotalAmount, Single(findings, "CONF-001").Path);
        Assert.Equal(ResultStatus.NeedsReview, StatusDecider.Decide(findings));
        Assert.Empty(Run(Docs.Invoice(h => h.Set(FieldNames.TotalAmount, 100m, 0.9))));
    }

    [Fact]
    public void StatusDecider_ErrorBeatsWarningBeatsInfo()
    {
        static Finding F(Severity s) => new() { Rule = "X-1", Severity = s, Path = "document", Message = "m" };
        Assert.Equal(ResultStatus.Accepted, StatusDecider.Decide([]));
        Assert.Equal(ResultStatus.Accepted, StatusDecider.Decide([F(Severity.Info)]));
        Assert.Equal(ResultStatus.NeedsReview, StatusDecider.Decide([F(Severity.Info), F(Severity.Warning)]));
        Assert.Equal(ResultStatus.Rejected, StatusDecider.Decide([F(Severity.Warning), F(Severity.Error), F(Severity.Info)]));
    }

    [Fact]
    public void Catalogue_HasUniqueStableIds_WithSources()
    {
        var catalogue = RuleEngine.CreateDefault().Catalogue.ToList();
        Assert.Equal(catalogue.Count, catalogue.Select(r => r.Id).Distinct().Count());
        Assert.All(catalogue, r =>
        {
            Assert.Matches("^[A-Z]+-[0-9]{3}$", r.Id);
            Assert.False(string.IsNullOrWhiteSpace(r.Source));
        });
        Assert.Contains(catalogue, r => r.Id == "ARITH-002");
    }

    [Fact]
    public void RuleEngine_RefusesDuplicateIds()
    {
        Assert.Throws<ArgumentException>(() => new RuleEngine([new ArithmeticRules(), new ArithmeticRules()]));
    }
}
