using CustomsFn.Core;
using CustomsFn.Core.Foundation;
using CustomsFn.Core.Pipeline;

namespace CustomsFn.Tests;

public sealed class AuditKeysTests
{
    [Theory]
    [InlineData("ACME Hamburg GmbH.", "acme hamburg gmbh")]
    [InlineData("  acme   hamburg,  gmbh ", "acme hamburg gmbh")]
    [InlineData("MÜLLER & Söhne S.à r.l.", "müller söhne s à r l")]
    [InlineData("株式会社 東京精機", "株式会社 東京精機")]
    public void SellerKey_FoldsCaseAndPunctuation(string name, string key) =>
        Assert.Equal(key, AuditKeys.SellerKey(name));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" .,- ")]
    public void SellerKey_IsNullWithoutLettersOrDigits(string? name) => Assert.Null(AuditKeys.SellerKey(name));

    [Fact]
    public void SellerKey_IsBounded() => Assert.Equal(AuditKeys.MaxSellerKeyLength, AuditKeys.SellerKey(new string('x', 5000))!.Length);

    [Fact]
    public async Task HsCodes_AreTheDistinctLineCodes_InLineOrder()
    {
        var result = await CustomsDefaults.CreateProcessor().ProcessAsync(
            File.OpenRead(Path.Combine(TestPaths.Samples, "documents", "ubl-invoice-de-us-clean.xml")), new DocumentRef("incoming/a.xml"), CancellationToken.None);
        var expected = result.Lines.Select(l => l.GetText("hsCode")).OfType<string>().Distinct().ToList();

        var codes = AuditKeys.HsCodes(result);

        Assert.NotEmpty(codes);
        Assert.Equal(expected, codes);
        Assert.All(codes, c => Assert.True(c.All(char.IsAsciiDigit)));
    }
}
