using System.Text;
using CustomsFn.Core;
using CustomsFn.Core.Contract;
using CustomsFn.Core.Foundation;
using CustomsFn.Core.Model;
using CustomsFn.Core.Pipeline;
using CustomsFn.Core.Rules;
using CustomsFn.Core.Screening;
using CustomsFn.Tests.Support;
using Newtonsoft.Json.Linq;

namespace CustomsFn.Tests.Screening;

/// <summary>SANC-001/SANC-002 findings carry the list entry they matched as data (<c>sanctionsMatch</c>), for the dashboard and other consumers.</summary>
public sealed class SanctionsMatchDataTests
{
    private static Task<CustomsResult> ProcessAsync(string xml) =>
        CustomsDefaults.CreateProcessor().ProcessAsync(UploadContent.FromBytes(Encoding.UTF8.GetBytes(xml)), new DocumentRef("incoming/ubl.xml"), CancellationToken.None);

    private static string UblWithSeller(string seller, string? country = null, string? taxId = null)
    {
        var xml = File.ReadAllText(Path.Combine(TestPaths.Samples, "documents", "ubl-invoice-de-us-clean.xml"));
        xml = xml.Replace("Rheinwerk Antriebe GmbH", seller, StringComparison.Ordinal).Replace("Rheinwerk Antriebe", seller, StringComparison.Ordinal);
        if (country is not null) xml = xml.Replace("<cbc:IdentificationCode>DE</cbc:IdentificationCode>", $"<cbc:IdentificationCode>{country}</cbc:IdentificationCode>", StringComparison.Ordinal);
        if (taxId is not null) xml = xml.Replace("DE811234567", taxId, StringComparison.Ordinal);
        return xml;
    }

    private static Finding SellerFinding(CustomsResult r) =>
        Assert.Single(r.Findings, f => f.Rule is "SANC-001" or "SANC-002" && f.Path == FieldNames.SellerName);

    [Fact]
    public async Task StrongMatch_CarriesTheEntry_MatchedNameAndKind_ScoreAndReasons_AsTheMessageSaysThem()
    {
        var r = await ProcessAsync(UblWithSeller("BANCO NACIONAL DE CUBA", "CH"));
        var f = SellerFinding(r);
        var m = Assert.IsType<SanctionsMatch>(f.SanctionsMatch);
        var entry = ScreeningPack.Shipped.Entries.Single(e => e.Id == "OFAC-SDN:306");
        Assert.Equal("SANC-002", f.Rule);
        Assert.Equal(entry.Id, m.EntryId);
        Assert.Equal("ofac-sdn", m.List);
        Assert.Equal("CUBA", m.Programme);
        Assert.Equal("organisation", m.EntryType);
        Assert.Equal(entry.PrimaryName, m.PrimaryName);
        Assert.Equal("primary", m.MatchedNameKind);
        Assert.Equal(entry.PrimaryName, m.MatchedName);
        Assert.True(m.Strong);
        Assert.Null(m.MatchedIdentifier);
        Assert.Contains("CH", m.Countries);
        Assert.InRange(m.Score, 0.76, 1.0);
        Assert.Contains("exact full name and agreeing country", m.Reasons);
        // The message says the same in words: the data is the finding's, not another screening.
        Assert.Contains($"score {m.Score:0.00}", f.Message, StringComparison.Ordinal);
        Assert.Contains(string.Join("; ", m.Reasons), f.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("BANCO NACIONAL DE CUBA", "CH")]
    [InlineData("ROSHAN MONEY EXCHANGE", null)]
    public async Task ReadBack_FromTheData_OrFromTheWordsOfAnOlderResult_IsTheSameMatch(string seller, string? country)
    {
        var f = SellerFinding(await ProcessAsync(UblWithSeller(seller, country)));

        var fromData = SanctionsScreeningRule.Read(f);
        var fromWords = SanctionsScreeningRule.Read(f with { SanctionsMatch = null }); // a result stored before the data existed

        Assert.NotNull(fromData);
        Assert.Equal(fromData, fromWords);
        Assert.Equal(f.SanctionsMatch!.MatchedNameKind, fromWords!.MatchedNameKind); // one spelling: "primary", "strong-alias", ...
    }

    [Fact]
    public async Task PossibleMatch_NamesTheFurtherEntriesItResembles()
    {
        var r = await ProcessAsync(UblWithSeller("ROSHAN MONEY EXCHANGE"));
        var f = SellerFinding(r);
        Assert.Equal("SANC-001", f.Rule);
        var m = f.SanctionsMatch!;
        Assert.False(m.Strong);
        Assert.Equal("ROSHAN MONEY EXCHANGE", m.MatchedName);
        var also = Assert.IsAssignableFrom<IReadOnlyList<SanctionsMatchAlso>>(m.Also);
        Assert.NotEmpty(also);
        Assert.All(also, a => Assert.Contains($"{a.EntryId} {a.PrimaryName} ({a.Score:0.00})", f.Message, StringComparison.Ordinal));
        Assert.All(also, a => Assert.True(a.Score <= m.Score || m.Strong));
    }

    [Fact]
    public async Task IdentifierMatch_NamesTheListedIdentifier()
    {
        var r = await ProcessAsync(UblWithSeller("Harbour Holdings GmbH", taxId: "IMO 9562233"));
        var m = SellerFinding(r).SanctionsMatch!;
        Assert.Equal("UK:DPR0075", m.EntryId);
        Assert.True(m.Strong);
        Assert.False(string.IsNullOrEmpty(m.MatchedIdentifier));
        Assert.Contains("9562233", m.MatchedIdentifier, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResultJson_HasSanctionsMatchOnScreeningFindingsOnly_ValidAgainstTheSchema_AndRoundTrips()
    {
        var r = await ProcessAsync(UblWithSeller("BANCO NACIONAL DE CUBA", "CH"));
        Assert.Contains(r.Findings, f => !f.Rule.StartsWith("SANC-", StringComparison.Ordinal)); // rejected: other findings too
        var json = ResultSerializer.Serialize(r);
        Schemas.AssertValid(Schemas.Result, json, "result with sanctionsMatch");
        foreach (var finding in JObject.Parse(json)["findings"]!)
            Assert.Equal(((string)finding["rule"]!).StartsWith("SANC-", StringComparison.Ordinal), finding["sanctionsMatch"] is not null);
        var o = (JObject)JObject.Parse(json)["findings"]!.Single(x => (string?)x["path"] == "sellerName" && (string)x["rule"]! == "SANC-002")["sanctionsMatch"]!;
        Assert.Equal("OFAC-SDN:306", (string)o["entryId"]!);
        Assert.Equal("primary", (string)o["matchedNameKind"]!);
        Assert.Equal(JTokenType.Boolean, o["strong"]!.Type);

        var back = ResultSerializer.Deserialize<CustomsResult>(json);
        Assert.Equal(SellerFinding(r).SanctionsMatch!.Reasons, SellerFinding(back).SanctionsMatch!.Reasons);
        Assert.Equal(json, ResultSerializer.Serialize(back));
    }

    [Fact]
    public void Schema_KeepsOldResultsValid_AndRejectsAMadeUpNameKind()
    {
        static string With(string finding) => $$"""
            {"schema":"customsfn.result/v1","documentId":"{{new string('a', 64)}}","source":{"name":"x","sizeBytes":1,"mediaType":"a"},"format":"ubl",
             "documentType":"commercial-invoice","fields":{},"lines":[],"status":"needs-review","findings":[{{finding}}],
             "versions":{"ruleset":"r","tariffs":[]},"processedAt":"2026-01-01T00:00:00Z"}
            """;
        // A finding written before sanctionsMatch existed.
        Schemas.AssertValid(Schemas.Result, With("""{"rule":"SANC-001","severity":"warning","path":"sellerName","message":"sellerName: possible match"}"""), "old finding");
        var bad = With("""
            {"rule":"SANC-001","severity":"warning","path":"sellerName","message":"m","sanctionsMatch":{"entryId":"UN:X","list":"un-sc","programme":"p",
             "entryType":"organisation","primaryName":"A","matchedName":"A","matchedNameKind":"nickname","score":0.9,"nameSimilarity":0.9,"strong":false,
             "countries":[],"reasons":[]}}
            """);
        Assert.Contains(Schemas.Result.Validate(bad), e => e.ToString().Contains("NotInEnumeration: #/findings[0].sanctionsMatch.matchedNameKind", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(NameKind.Primary, "primary")]
    [InlineData(NameKind.StrongAlias, "strong-alias")]
    [InlineData(NameKind.WeakAlias, "weak-alias")]
    [InlineData(NameKind.OriginalScript, "original-script")]
    public void NameKinds_AreSpelledAsTheSchemaSpellsThem(NameKind kind, string spelled) =>
        Assert.Equal(spelled, SanctionsScreeningRule.KindName(kind));

    [Fact]
    public void EveryNameKind_HasASpelling() =>
        Assert.All(Enum.GetValues<NameKind>(), k => Assert.False(string.IsNullOrEmpty(SanctionsScreeningRule.KindName(k))));
}
