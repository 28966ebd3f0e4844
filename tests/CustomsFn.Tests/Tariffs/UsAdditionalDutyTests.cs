using CustomsFn.Core.Model;
using CustomsFn.Core.Rules;
using CustomsFn.Core.Tariffs;
using CustomsFn.Tests.Support;

namespace CustomsFn.Tests.Tariffs;

/// <summary>US chapter 99 additional duties by origin and date, with real codes: Section 301, Section 232, none; de minimis by date.</summary>
public sealed class UsAdditionalDutyTests
{
    private static readonly DateOnly Today = new(2026, 11, 26);
    private static UsAdditionalDuties Duties => TariffCatalog.Default.UsAdditionalDuties!;

    private static RuleOutcome Run(string hs, string origin, string date, decimal amount = 1000m) => RuleEngine.CreateDefault().Run(Docs.Invoice(h =>
    {
        h.Set(FieldNames.Currency, "USD");
        h.Set(FieldNames.BuyerCountry, "US");
        h.Set(FieldNames.SellerCountry, origin);
        h.Set(FieldNames.Incoterm, "FOB");
        h.Set(FieldNames.IssueDate, date);
        h.Set(FieldNames.TotalAmount, amount);
    }, Docs.Line(1, amount, amount, hs)), Today);

    [Fact]
    public void Section301_AppliesToChineseGoods_OnlyFromTheDateTheirListTookEffect()
    {
        // 8517.62.00 (routers, switches): Section 301 list 3 (9903.88.03), in force from 24 September 2018.
        Assert.Empty(Duties.For("8517620090", "CN", new DateOnly(2018, 9, 1)));
        var after = Assert.Single(Duties.For("8517620090", "CN", new DateOnly(2026, 3, 1)));
        Assert.Equal("9903.88.03", after.Heading);
        Assert.Equal(25m, after.Percent);
        Assert.Empty(Duties.For("8517620090", "VN", new DateOnly(2026, 3, 1))); // not of Chinese origin

        var line = Assert.Single(Run("8517620090", "CN", "2026-03-01").Duties!.Lines);
        Assert.Equal(250m, line.Duty); // Free + 25%
        Assert.Contains("9903.88.03", line.Note, StringComparison.Ordinal);
        Assert.Equal(0m, Assert.Single(Run("8517620090", "CN", "2018-09-01").Duties!.Lines).Duty);
    }

    [Fact]
    public void FourYearReviewIncrease_ReplacesTheListRate()
    {
        // 2602.00.00 (manganese ores) is in the 2024 increases (9903.91.01, 25%, from 27 September 2024).
        var d = Assert.Single(Duties.For("2602000040", "CN", new DateOnly(2026, 3, 1)));
        Assert.Equal("9903.91.01", d.Heading);
        Assert.Equal(new DateOnly(2024, 9, 27), d.From);
        Assert.Empty(Duties.For("2602000040", "CN", new DateOnly(2024, 9, 26)));
    }

    [Fact]
    public void Section232SteelDerivative_IsReported_OnItsSteelContent()
    {
        // 8203.40.60 (pipe cutters and similar tools of steel): steel derivative, 9903.81.91, 50% of the steel content from 18 August 2025.
        var d = Assert.Single(Duties.For("8203406000", "DE", new DateOnly(2026, 3, 1)));
        Assert.Equal("Section 232", d.Programme);
        Assert.True(d.ContentBased);
        Assert.Empty(Duties.For("8203406000", "DE", new DateOnly(2025, 8, 17)));
        var o = Run("8203406000", "DE", "2026-03-01");
        var f = Assert.Single(o.Findings, f => f.Rule == DutyEstimateRule.Additional.Id && f.Message.Contains("9903.81.91", StringComparison.Ordinal));
        Assert.Contains("1862", f.Reference, StringComparison.Ordinal); // Section 232, 19 U.S.C. 1862
    }

    [Fact]
    public void CodeWithNoAdditionalDuty_HasNone()
    {
        // 8471.30.01 (laptops): only on Section 301 list 4B, whose heading (9903.88.16) is suspended.
        Assert.Empty(Duties.For("8471300100", "CN", new DateOnly(2026, 3, 1)));
        Assert.Equal(0m, Assert.Single(Run("8471300100", "CN", "2026-03-01").Duties!.Lines).Duty);
    }

    [Theory]
    [InlineData("CN", "2025-05-01", true)]  // USD 800 de minimis still open to Chinese goods
    [InlineData("CN", "2025-05-02", false)] // ended for CN and HK goods on 2 May 2025
    [InlineData("DE", "2025-08-28", true)]
    [InlineData("DE", "2025-08-29", false)] // ended for every country on 29 August 2025
    public void DeMinimis_FollowsTheDates(string origin, string date, bool duty_free)
    {
        var o = Run("6109100012", origin, date, 500m);
        var minimis = Assert.Single(o.Findings, f => f.Rule == DutyEstimateRule.LowValue.Id);
        Assert.Equal(duty_free, minimis.Message.Contains("no customs duty is collected", StringComparison.Ordinal));
        Assert.Equal(duty_free, o.Duties!.TotalDuty == 0);
    }

    [Fact]
    public void PackChoice_FollowsTheDate()
    {
        Assert.Equal("us-htsus-2025", TariffCatalog.Default.NationalFor("US", new DateOnly(2025, 6, 1))!.Id);
        Assert.Equal("us-htsus-2026", TariffCatalog.Default.NationalFor("US", new DateOnly(2026, 3, 1))!.Id);
    }
}
