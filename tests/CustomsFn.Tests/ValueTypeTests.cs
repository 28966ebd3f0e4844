using CustomsFn.Core.Model;

namespace CustomsFn.Tests;

public sealed class ValueTypeTests
{
    [Theory]
    [InlineData("847130", "847130")]
    [InlineData("8471.30.01", "84713001")]
    [InlineData("8471 30 0100", "8471300100")]
    [InlineData("0101.21", "010121")]
    public void HsCode_Parse_NormalisesSeparators(string input, string digits)
    {
        Assert.Equal(digits, HsCode.Parse(input).Digits);
    }

    [Theory]
    [InlineData("84713", "5 digits")]
    [InlineData("8471301", "odd number")]
    [InlineData("84713001001", "11 digits")]
    [InlineData("8471A0", "contains 'A'")]
    [InlineData("", "empty")]
    [InlineData("000000", "chapter 00")]
    public void HsCode_Parse_RejectsMalformed(string input, string reason)
    {
        Assert.False(HsCode.TryParse(input, out _, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
        Assert.Throws<FormatException>(() => HsCode.Parse(input));
    }

    [Fact]
    public void HsCode_Parts_AndDottedFormat()
    {
        var code = HsCode.Parse("8471300100");
        Assert.Equal("84", code.Chapter);
        Assert.Equal("8471", code.Heading);
        Assert.Equal("847130", code.Subheading);
        Assert.Equal("8471.30.01.00", code.ToDottedString());
        Assert.Equal("8471.30", HsCode.Parse("847130").ToDottedString());
    }

    [Theory]
    [InlineData("DE", "Germany")]
    [InlineData("cn", "China")]
    [InlineData(" jp ", "Japan")]
    [InlineData("XK", "Kosovo")]
    public void CountryCode_Parse_KnownCodes(string input, string name)
    {
        Assert.Equal(name, CountryCode.Parse(input).Name);
    }

    [Theory]
    [InlineData("UK")] // the United Kingdom is GB in ISO 3166-1
    [InlineData("EU")]
    [InlineData("FX")]
    [InlineData("DEU")]
    [InlineData("")]
    [InlineData(null)]
    public void CountryCode_Parse_RejectsUnassigned(string? input)
    {
        Assert.False(CountryCode.TryParse(input, out _));
    }

    [Fact]
    public void CountryCode_Table_HasEveryAssignedCode()
    {
        // 249 officially assigned ISO 3166-1 codes plus XK.
        Assert.Equal(250, Core.Model.IsoCountries.Names.Count);
    }

    [Theory]
    [InlineData("EUR", 2)]
    [InlineData("jpy", 0)]
    [InlineData("KWD", 3)]
    [InlineData("CNY", 2)]
    public void CurrencyCode_Parse_WithMinorUnits(string input, int minor)
    {
        Assert.Equal(minor, CurrencyCode.Parse(input).MinorUnits);
    }

    [Theory]
    [InlineData("RMB")] // colloquial, not ISO 4217
    [InlineData("DEM")] // withdrawn
    [InlineData("US$")]
    [InlineData("EU")]
    public void CurrencyCode_Parse_RejectsNonIso(string input)
    {
        Assert.False(CurrencyCode.TryParse(input, out _));
        Assert.Throws<FormatException>(() => CurrencyCode.Parse(input));
    }

    [Fact]
    public void Incoterm_All_AreTheElevenOf2020()
    {
        Assert.Equal(11, Incoterm.All.Count);
        Assert.True(Incoterm.Parse("cif").PriceIncludesInsurance);
        Assert.True(Incoterm.Parse("CFR").PriceIncludesMainCarriage);
        Assert.False(Incoterm.Parse("FOB").PriceIncludesMainCarriage);
        Assert.True(Incoterm.Parse("DDP").PriceIncludesImportDuty);
    }

    [Theory]
    [InlineData("DAT", "DPU")]
    [InlineData("DDU", "withdrawn")]
    [InlineData("XYZ", "not an Incoterms 2020 rule")]
    public void Incoterm_Parse_ExplainsWithdrawnRules(string input, string explanation)
    {
        Assert.False(Incoterm.TryParse(input, out _, out var error));
        Assert.Contains(explanation, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("KGM", UnitDimension.Mass, "1")]
    [InlineData("GRM", UnitDimension.Mass, "0.001")]
    [InlineData("TNE", UnitDimension.Mass, "1000")]
    [InlineData("LTR", UnitDimension.Volume, "1")]
    [InlineData("DZN", UnitDimension.Count, "12")]
    [InlineData("MTK", UnitDimension.Area, "1")]
    public void UnitCode_Parse_DimensionAndFactor(string code, UnitDimension dimension, string factor)
    {
        var unit = UnitCode.Parse(code);
        Assert.Equal(dimension, unit.Dimension);
        Assert.Equal(decimal.Parse(factor, System.Globalization.CultureInfo.InvariantCulture), unit.FactorToBase);
    }

    [Theory]
    [InlineData("KG")]
    [InlineData("PCS")]
    [InlineData("")]
    public void UnitCode_Parse_RejectsUnknown(string code)
    {
        Assert.False(UnitCode.IsValid(code));
    }

    [Fact]
    public void Money_Arithmetic_KeepsCurrencyAndRoundsHalfAwayFromZero()
    {
        var eur = CurrencyCode.Parse("EUR");
        var sum = new Money(10.005m, eur) + new Money(1m, eur);
        Assert.Equal(11.01m, sum.Rounded().Amount);
        Assert.Equal(0m, (new Money(2m, eur) - new Money(2m, eur)).Amount);
        Assert.Equal(15m, (new Money(5m, eur) * 3).Amount);
        Assert.Equal(1235m, new Money(1234.5m, CurrencyCode.Parse("JPY")).Rounded().Amount);
    }

    [Fact]
    public void Money_Add_RefusesMixedCurrencies()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => new Money(1, CurrencyCode.Parse("EUR")) + new Money(1, CurrencyCode.Parse("USD")));
        Assert.Contains("exchange rate", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ExtractedField_RejectsOutOfRangeConfidenceAndNonScalarValues()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ExtractedField("x", 1.2));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ExtractedField("x", -0.1));
        Assert.Throws<ArgumentException>(() => new ExtractedField(new object()));
        Assert.Equal(12.5m, new ExtractedField(12.5m).Number);
        Assert.Equal("12.5", new ExtractedField(12.5m).Text);
        Assert.Null(new ExtractedField("abc").Number);
    }
}
