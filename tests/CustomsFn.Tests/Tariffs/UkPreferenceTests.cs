using CustomsFn.Core.Contract;
using CustomsFn.Core.Model;
using CustomsFn.Core.Rules;
using CustomsFn.Core.Tariffs;

namespace CustomsFn.Tests.Tariffs;

/// <summary>UK trade-agreement preferences and agreement quotas applied when the declaration claims them, with real codes.</summary>
public sealed class UkPreferenceTests
{
    private static readonly DateOnly Today = new(2026, 3, 1);

    /// <summary>A one-item UK import declaration (procedure 4000) of GBP 1000, claiming preference <paramref name="preference"/>.</summary>
    private static DutyLine Estimate(string code, string origin, string preference, string date, decimal netKg = 100m)
    {
        var doc = new ExtractedDocument { Format = DocumentFormat.WcoDeclaration, DocumentType = DocumentType.CustomsDeclaration, Extractor = new ExtractorInfo("test", "0") };
        doc.Fields.Set(FieldNames.DeclarationType, "IMA");
        doc.Fields.Set(FieldNames.IssueDate, date);
        doc.Fields.Set(FieldNames.Currency, "GBP");
        doc.Fields.Set(FieldNames.DestinationCountry, "GB");
        var l = new FieldSet();
        l.Set(FieldNames.HsCode, code);
        l.Set(FieldNames.Amount, 1000m);
        l.Set(FieldNames.NetWeightKg, netKg);
        l.Set(FieldNames.OriginCountry, origin);
        l.Set(FieldNames.PreferentialOriginCountry, origin);
        l.Set(FieldNames.Preference, preference);
        l.Set(FieldNames.CustomsProcedure, "4000");
        doc.Lines.Add(l);
        return Assert.Single(RuleEngine.CreateDefault().Run(doc, Today).Duties!.Lines);
    }

    [Fact]
    public void JapaneseFootwear_UnderUkJapan_PaysIts2022PreferentialRate()
    {
        // 6402.99.05 (footwear with a protective metal toecap): UK-Japan CEPA 12.4% on 1 January 2022 (UK tariff: 16%).
        var line = Estimate("6402990500", "JP", "300", "2022-02-01");
        Assert.Equal(124m, line.Duty);
        Assert.Contains("UK-Japan", line.Note, StringComparison.Ordinal);
        Assert.Contains("proof of origin", line.Note, StringComparison.Ordinal);
        // The same goods without the claim pay the third-country rate.
        Assert.Equal(160m, Estimate("6402990500", "JP", "100", "2022-02-01").Duty);
    }

    [Fact]
    public void StagedJapaneseRate_FallsEachApril()
    {
        // The Japan schedule's staging years begin on 1 April: 12.4% until March 2022, 10.8% from April 2022, 4.6% from April 2026.
        Assert.Equal(108m, Estimate("6402990500", "JP", "300", "2022-06-01").Duty);
        Assert.Equal(62m, Estimate("6402990500", "JP", "300", "2026-02-01").Duty); // staging year 2025: 6.2%
        Assert.Equal(46m, Estimate("6402990500", "JP", "300", "2026-04-01").Duty);
    }

    [Fact]
    public void EuOriginGood_UnderTheTca_IsDutyFree_AndWithoutTheClaim_PaysTheUkTariff()
    {
        var line = Estimate("6109100010", "DE", "300", "2026-02-01");
        Assert.Equal(0m, line.Duty);
        Assert.Contains("Trade and Cooperation Agreement", line.Note, StringComparison.Ordinal);
        Assert.Equal(120m, Estimate("6109100010", "DE", "100", "2026-02-01").Duty); // 12% third-country
    }

    [Fact]
    public void AgreementQuota_IsAppliedByOrderNumber_WithItsInQuotaRate()
    {
        // Albania, quota 05.1500 (live fish of 0301.91): in-quota 0%.
        var quota = TariffCatalog.Default.UkPreferences!.Quota("05.1500");
        Assert.NotNull(quota);
        Assert.Contains("AL", quota.Partners);
        var line = Estimate("0301910000", "AL", "320", "2022-06-01");
        Assert.Equal(0m, line.Duty);
        Assert.Contains("05.1500", line.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void PreferenceClaimedForAnOriginWithoutAgreement_KeepsTheThirdCountryDuty_AndSaysWhy()
    {
        var line = Estimate("6109100010", "CN", "300", "2026-02-01");
        Assert.Equal(120m, line.Duty);
        Assert.Contains("no preferential rate for origin CN", line.Note, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0.124", "12.4%")]
    [InlineData("1.7999999999999999E-2", "1.8%")]
    [InlineData("0", "0%")]
    [InlineData("0.00% + 17.00 GBP / 100 kg\u00A0", "0.00% + 17.00 GBP / 100 kg")]
    [InlineData("-", "")]
    public void SourceRates_AreReadAsPercentagesOrExpressions(string cell, string expected) => Assert.Equal(expected, UkPreferences.Rate(cell));
}
