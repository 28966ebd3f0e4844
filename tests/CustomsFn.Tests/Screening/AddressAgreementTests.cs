using CustomsFn.Core.Model;
using CustomsFn.Core.Rules;
using CustomsFn.Core.Screening;

namespace CustomsFn.Tests.Screening;

/// <summary>A party's address that shares a town or postcode with a listed address raises the score a little; another address costs nothing.</summary>
public sealed class AddressAgreementTests
{
    // OFAC-SDN:306 BANCO NACIONAL DE CUBA lists "Zweierstrasse 35, Zurich CH-8022, Switzerland" among its addresses.
    private static ScreeningMatch Best(string? address) =>
        ScreeningIndex.Default.Screen(new PartyQuery("Banko Nacionall de Kuba", null, PartyType.Unknown, null, address), max: 5)
            .Single(m => m.Entry.Id == "OFAC-SDN:306");

    [Theory]
    [InlineData("Zweierstrasse 35, 8022 Zürich", "8022")]
    [InlineData("Paradeplatz 8, Zurich", "zurich")]
    public void ASharedTownOrPostcode_RaisesTheScore_AndSaysWhich(string address, string place)
    {
        var without = Best(null);
        var with = Best(address);

        Assert.InRange(without.Score, MatcherOptions.Default.Threshold, 0.95f); // room for the bonus below 1
        Assert.Equal(without.Score + MatcherOptions.Default.AddressAgreeBonus, with.Score, 4);
        Assert.Contains(with.Reasons, r => r.StartsWith($"address shares \"{place}\" with the listed \"Zweierstrasse 35, Zurich", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Bahnhofstrasse 1, 4001 Basel")] // another town
    [InlineData("Main Street, Building 4, Switzerland")] // street words and the country are no place
    public void AnotherAddress_CostsNothing(string address)
    {
        var without = Best(null);
        var with = Best(address);

        Assert.Equal(without.Score, with.Score, 4);
        Assert.DoesNotContain(with.Reasons, r => r.StartsWith("address", StringComparison.Ordinal));
    }

    [Fact]
    public void TheRule_ScreensAPartyWithItsAddress()
    {
        var fields = new FieldSet();
        fields.Set(FieldNames.SellerName, "Banco Nacional de Cuba");
        fields.Set(FieldNames.SellerAddress, "Zweierstrasse 35, 8022 Zurich");
        fields.Set(FieldNames.BuyerName, "Harbourline Components Ltd");

        Assert.Equal("Zweierstrasse 35, 8022 Zurich", SanctionsScreeningRule.PartyOf(fields, FieldNames.SellerName).Address);
        Assert.Null(SanctionsScreeningRule.PartyOf(fields, FieldNames.BuyerName).Address);
    }
}
