using CustomsFn.Core.Model;
using CustomsFn.Core.Tariffs;

namespace CustomsFn.Tests.Tariffs;

public sealed class DutyExpressionTests
{
    private static readonly DateOnly Day = new(2026, 3, 1);

    private static decimal? Duty(string rate, decimal value, string currency, params (UnitDimension Dim, decimal Qty)[] quantities)
    {
        var basis = new DutyBasis(value, currency, Day);
        foreach (var (d, q) in quantities) basis.With(d, q);
        return DutyExpression.Parse(rate).Compute(basis).Amount;
    }

    [Theory]
    [InlineData("6.8%", 1000, 68)]
    [InlineData("Free", 1000, 0)]
    [InlineData("33 1/3%", 300, 100)]
    [InlineData("2.00%", 1000, 20)]
    [InlineData("0.0%", 1000, 0)]
    [InlineData("7.2", 1000, 72)]
    public void AdValorem(string rate, decimal value, decimal expected) => Assert.Equal(expected, Duty(rate, value, "USD"));

    [Fact]
    public void Specific_CentsPerKg() => Assert.Equal(5m, Duty("1¢/kg", 9999, "USD", (UnitDimension.Mass, 500)));

    [Fact]
    public void Specific_DollarsPerHead() => Assert.Equal(12m, Duty("$3/head", 9999, "USD", (UnitDimension.Count, 4)));

    [Fact]
    public void Specific_PoundsPer100Kg()
    {
        Assert.Equal(12.5m, Duty("2.50 GBP/100kg", 1, "GBP", (UnitDimension.Mass, 500)));
        Assert.Equal(12.5m, Duty("£2.50/100 kg", 1, "GBP", (UnitDimension.Mass, 500)));
    }

    [Fact]
    public void Specific_EuroPerTonne_And_PerThousandItems()
    {
        Assert.Equal(57m, Duty("114.00 EUR / tonne", 1, "EUR", (UnitDimension.Mass, 500)));
        Assert.Equal(104m, Duty("52.00 EUR / 1,000 items", 1, "EUR", (UnitDimension.Count, 2000)));
        Assert.Equal(0.5m, Duty("$1/1,000 pins + 0%", 1, "USD", (UnitDimension.Count, 500)));
    }

    [Fact]
    public void Compound_AddsTerms()
    {
        var e = DutyExpression.Parse("2.2¢/kg + 5%");
        Assert.Equal(DutyKind.Compound, e.Kind);
        Assert.Equal(2, e.Terms.Count);
        // 5% of 1000 = 50, plus 0.022 USD x 100 kg = 2.2
        Assert.Equal(52.2m, Duty("2.2¢/kg + 5%", 1000, "USD", (UnitDimension.Mass, 100)));
    }

    [Fact]
    public void MinimumAndMaximum()
    {
        // 8% of 100 = 8, minimum 0.40 EUR per 100 kg on 5000 kg = 20
        Assert.Equal(20m, Duty("8.00% MIN 0.40 EUR / 100 kg", 100, "EUR", (UnitDimension.Mass, 5000)));
        Assert.Equal(8m, Duty("8.00% MIN 0.40 EUR / 100 kg", 100, "EUR", (UnitDimension.Mass, 10)));
        // 6.2% of 1000 + 27.10 per 100 kg x 10 = 62 + 2.71 = 64.71, max 17.9% = 179
        Assert.Equal(64.71m, Duty("6.20% + 27.10 EUR / 100 kg MAX 17.90%", 1000, "EUR", (UnitDimension.Mass, 10)));
        Assert.Equal(179m, Duty("6.20% + 27.10 EUR / 100 kg MAX 17.90%", 1000, "EUR", (UnitDimension.Mass, 10000)));
    }

    [Fact]
    public void Seasonal_PicksTheSeasonOfTheDate()
    {
        var e = DutyExpression.Parse("15.00% (01 JAN-14 FEB, 16 JUN-31 DEC), 0.00% (15 FEB-15 JUN)");
        Assert.Equal(DutyKind.Seasonal, e.Kind);
        Assert.Equal(150m, e.Compute(new DutyBasis(1000, "EUR", new DateOnly(2026, 1, 10))).Amount);
        Assert.Equal(0m, e.Compute(new DutyBasis(1000, "EUR", new DateOnly(2026, 3, 1))).Amount);
        Assert.Equal(150m, e.Compute(new DutyBasis(1000, "EUR", new DateOnly(2026, 12, 31))).Amount);
        var wrap = DutyExpression.Parse("14.00% (01 JUL - 31 JAN), 0.00% (01 FEB - 30 JUN)");
        Assert.Equal(140m, wrap.Compute(new DutyBasis(1000, "EUR", new DateOnly(2026, 1, 20))).Amount);
    }

    [Theory]
    [InlineData("The duty provided in the applicable subheading + 25%", DutyExpression.ReasonReference)]
    [InlineData("See 9822.05.15", DutyExpression.ReasonReference)]
    [InlineData("No change", DutyExpression.ReasonNoChange)]
    [InlineData("9.00% +  EA MAX 18.70%  + ADSZ", DutyExpression.ReasonEntryPrice)]
    [InlineData("Entry Price", DutyExpression.ReasonEntryPrice)]
    [InlineData("$1.32/pf. liter", DutyExpression.ReasonContent)]
    [InlineData("5.10% + 9.40 EUR / 100 kg / net drained wt", DutyExpression.ReasonContent)]
    [InlineData("1.75 EUR / % vol / hl", DutyExpression.ReasonContent)]
    [InlineData("45¢ each + 6.25% on the case + 5.3% on the battery", DutyExpression.ReasonPartRate)]
    [InlineData("A duty upon the value of the repairs or alterations (see U.S. note 3 of this subchapter)", DutyExpression.ReasonPartialValue)]
    public void NotComputable_WithReason(string rate, string reason)
    {
        var e = DutyExpression.Parse(rate);
        Assert.Equal(DutyKind.NotComputable, e.Kind);
        Assert.True(e.Understood);
        Assert.Equal(reason, e.Reason);
    }

    [Theory]
    [InlineData("banana")]
    [InlineData("12 parsecs")]
    public void Gibberish_IsNotUnderstood(string rate) => Assert.False(DutyExpression.Parse(rate).Understood);

    [Fact]
    public void SpecificRate_NeedsQuantityAndMatchingCurrency()
    {
        var e = DutyExpression.Parse("1¢/kg");
        Assert.Contains("kg", e.Compute(new DutyBasis(100, "USD", Day)).Reason, StringComparison.Ordinal);
        Assert.Contains("exchange rate", e.Compute(new DutyBasis(100, "EUR", Day).With(UnitDimension.Mass, 1)).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void SpecialProgrammes_AreSplitIntoGroups()
    {
        var groups = SpecialRates.Parse("Free (A+,AU,BH, CL,CO) 5% (KR) See 9823.01.01-9823.01.05 (S+)")!;
        Assert.Equal(3, groups.Count);
        Assert.Equal(["A+", "AU", "BH", "CL", "CO"], groups[0].Programmes);
        Assert.Equal(DutyKind.Free, groups[0].Rate.Kind);
        Assert.Equal(DutyKind.AdValorem, groups[1].Rate.Kind);
        Assert.Equal(DutyKind.NotComputable, groups[2].Rate.Kind);
        Assert.Equal(["D", "E", "IL"], SpecialRates.Parse("Free (D,E IL)")![0].Programmes);
    }
}
