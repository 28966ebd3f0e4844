using CustomsFn.Core.Model;
using CustomsFn.Core.Rules;
using CustomsFn.Core.Tariffs;
using CustomsFn.Tests.Support;

namespace CustomsFn.Tests.Tariffs;

/// <summary>The UK tariff on the 2022 nomenclature: post-2022 codes are valid, 2021 rates carried where the code did not change.</summary>
public sealed class Uk2022TariffTests
{
    private static readonly DateOnly Today = new(2026, 3, 1);

    private static RuleOutcome Run(string hs) => RuleEngine.CreateDefault().Run(Docs.Invoice(h =>
    {
        h.Set(FieldNames.Currency, "GBP");
        h.Set(FieldNames.BuyerCountry, "GB");
        h.Set(FieldNames.SellerCountry, "CN");
        h.Set(FieldNames.Incoterm, "CIF");
        h.Set(FieldNames.IssueDate, "2026-02-10");
    }, Docs.Line(1, 1000m, 1000m, hs)), Today);

    [Fact]
    public void CodeNewInHs2022_IsValid_AndItsMissingRateIsSaid()
    {
        // 8543.40: electronic cigarettes, a subheading created by HS 2022.
        var o = Run("8543400000");
        Assert.DoesNotContain(o.Findings, f => f.Rule == NationalTariffRules.NotInTariff.Id);
        var f = Assert.Single(o.Findings, f => f.Rule == DutyEstimateRule.NotComputable.Id);
        Assert.Contains("new in the 2022 nomenclature", f.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnchangedCode_CarriesIts2021Rate_AndTheEditionIsSaid()
    {
        var o = Run("6109100010"); // cotton T-shirts: 12% in the UK Global Tariff 2021, same code in 2022
        var line = Assert.Single(o.Duties!.Lines);
        Assert.Equal(120m, line.Duty);
        Assert.Contains("uk-tariff-2022", line.Reference, StringComparison.Ordinal);
        var edition = Assert.Single(o.Findings, f => f.Rule == NationalTariffRules.Edition.Id);
        Assert.Contains("2026-02-10", edition.Message, StringComparison.Ordinal);
        Assert.Contains("global-uk-tariff", edition.Message, StringComparison.Ordinal); // the pack's source is named
    }

    [Fact]
    public void InvalidTenDigitCode_IsStillNotInTheTariff()
    {
        Assert.Contains(Run("6109100099").Findings, f => f.Rule == NationalTariffRules.NotInTariff.Id);
    }

    [Fact]
    public void PackChoice_FollowsTheDocumentDate()
    {
        var c = TariffCatalog.Default;
        Assert.Equal("uk-global-tariff-2021", c.NationalFor("GB", new DateOnly(2021, 6, 30))!.Id);
        Assert.Equal("uk-tariff-2022", c.NationalFor("GB", new DateOnly(2022, 1, 1))!.Id);
        Assert.True(c.Get("uk-tariff-2022").FindLine("8543400000")!.HasFlag("new-2022"));
    }
}
