using System.Text;
using CustomsFn.Core;
using CustomsFn.Core.Contract;
using CustomsFn.Core.Foundation;
using CustomsFn.Core.Model;
using CustomsFn.Core.Pipeline;
using CustomsFn.Core.Rules;
using CustomsFn.Core.Screening;
using CustomsFn.Tests.Layout;
using CustomsFn.Tests.Support;
using Xunit.Abstractions;

namespace CustomsFn.Tests.Screening;

public sealed class ScreeningRuleTests(ITestOutputHelper output)
{
    private static readonly IReadOnlyList<ScreeningEntry> Entries = ScreeningPack.Shipped.Entries;

    private static Task<CustomsResult> ProcessAsync(byte[] bytes, string name) =>
        CustomsDefaults.CreateProcessor().ProcessAsync(UploadContent.FromBytes(bytes), new DocumentRef("incoming/" + name), CancellationToken.None);

    /// <summary>Real names from the lists, chosen by rule (first by id) so the test does not pick what the matcher finds easy.</summary>
    public static TheoryData<string, string> PlantedNames()
    {
        static bool Distinct(string n) => NameNormalizer.Normalize(n).Tokens.Count(t => t.Weight >= 1f) >= 2;
        var un = Entries.Where(e => e.List == "un-sc").OrderBy(e => e.Id, StringComparer.Ordinal).ToList();
        var uk = Entries.Where(e => e.List == "uk-fcdo").OrderBy(e => e.Id, StringComparer.Ordinal).ToList();
        return new TheoryData<string, string>
        {
            { "un original script", un.SelectMany(e => e.Names).First(n => n.Kind == NameKind.OriginalScript).Text },
            { "un entity primary", un.First(e => e.Type == PartyType.Organisation && Distinct(e.PrimaryName)).PrimaryName },
            { "un person strong alias", un.Where(e => e.Type == PartyType.Person).SelectMany(e => e.Names).First(n => n.Kind == NameKind.StrongAlias && Distinct(n.Text)).Text },
            { "uk entity primary", uk.First(e => e.Type == PartyType.Organisation && Distinct(e.PrimaryName)).PrimaryName },
            { "uk entity alias", uk.Where(e => e.Type == PartyType.Organisation).SelectMany(e => e.Names).First(n => n.Kind == NameKind.StrongAlias && Distinct(n.Text)).Text },
            { "uk person primary", uk.First(e => e.Type == PartyType.Person && Distinct(e.PrimaryName)).PrimaryName },
        };
    }

    /// <summary>The planted names a standard PDF font can write (Latin script).</summary>
    public static TheoryData<string, string> PlantedLatinNames()
    {
        var data = new TheoryData<string, string>();
        foreach (var row in PlantedNames())
        {
            if (((string)row[1]).All(c => c <= '\u024F')) data.Add((string)row[0], (string)row[1]);
        }
        return data;
    }

    private static string UblWithSeller(string seller, string? country = null, string? taxId = null)
    {
        var xml = File.ReadAllText(Path.Combine(TestPaths.Samples, "documents", "ubl-invoice-de-us-clean.xml"));
        xml = xml.Replace("Rheinwerk Antriebe GmbH", Escape(seller), StringComparison.Ordinal).Replace("Rheinwerk Antriebe", Escape(seller), StringComparison.Ordinal);
        if (country is not null) xml = xml.Replace("<cbc:IdentificationCode>DE</cbc:IdentificationCode>", $"<cbc:IdentificationCode>{country}</cbc:IdentificationCode>", StringComparison.Ordinal);
        if (taxId is not null) xml = xml.Replace("DE811234567", taxId, StringComparison.Ordinal);
        return xml;
    }

    private static string Escape(string s) => System.Security.SecurityElement.Escape(s);

    private static Finding Screening(CustomsResult r, string field) =>
        Assert.Single(r.Findings, f => f.Rule is "SANC-001" or "SANC-002" && f.Path == field);

    [Theory]
    [MemberData(nameof(PlantedNames))]
    public async Task PlantedListName_AsUblSeller_IsFound(string what, string name)
    {
        var r = await ProcessAsync(Encoding.UTF8.GetBytes(UblWithSeller(name)), "ubl.xml");
        var f = Screening(r, FieldNames.SellerName);
        output.WriteLine($"{what}: {f.Rule} {f.Message}");
        Assert.NotEqual(ResultStatus.Accepted, r.Status);
        Schemas.AssertValid(Schemas.Result, ResultSerializer.Serialize(r), "screened result");
    }

    [SkippableTheory]
    [MemberData(nameof(PlantedNames))]
    public async Task PlantedListName_AsCiiBuyer_IsFound(string what, string name)
    {
        var path = TestPaths.RequireCorpus("einvoice/en16931-connectingeurope/cii/examples/CII_business_example_01.xml");
        var xml = System.Xml.Linq.XDocument.Load(path);
        var buyer = xml.Descendants().Single(e => e.Name.LocalName == "BuyerTradeParty").Elements().Single(e => e.Name.LocalName == "Name");
        buyer.Value = name;
        var r = await ProcessAsync(Encoding.UTF8.GetBytes(xml.ToString()), "cii.xml");
        Assert.Equal(DocumentFormat.Cii, r.Format);
        var f = Screening(r, FieldNames.BuyerName);
        output.WriteLine($"{what}: {f.Rule} {f.Message}");
    }

    [Theory]
    [MemberData(nameof(PlantedLatinNames))]
    public async Task PlantedListName_AsPdfSeller_IsFound(string what, string name)
    {
        var pdf = TestPdf.Invoice(seller: name);
        var r = await ProcessAsync(pdf.Build(), "invoice.pdf");
        Assert.Equal(DocumentFormat.PdfText, r.Format);
        var f = Screening(r, FieldNames.SellerName);
        output.WriteLine($"{what}: {f.Rule} {f.Message}");
    }

    [Fact]
    public async Task ExactListedNameWithItsCountry_IsAStrongMatch_AndRejected()
    {
        var bnc = Entries.Single(e => e.Id == "OFAC-SDN:306");
        Assert.Contains("CH", bnc.Countries); // Zurich branch address (add.csv); the list gives no Cuban address
        var r = await ProcessAsync(Encoding.UTF8.GetBytes(UblWithSeller(bnc.PrimaryName, "CH")), "ubl.xml");
        var f = Screening(r, FieldNames.SellerName);
        Assert.Equal("SANC-002", f.Rule);
        Assert.Equal(Severity.Error, f.Severity);
        Assert.Equal(ResultStatus.Rejected, r.Status);
        Assert.Contains("OFAC-SDN:306", f.Message, StringComparison.Ordinal);
        Assert.Contains("programme CUBA", f.Message, StringComparison.Ordinal);
        Assert.Contains("exact full name and agreeing country", f.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExactListedName_WithoutAgreeingCountry_IsOnlyAPossibleMatch()
    {
        var r = await ProcessAsync(Encoding.UTF8.GetBytes(UblWithSeller("BANCO NACIONAL DE CUBA")), "ubl.xml"); // seller country DE
        var f = Screening(r, FieldNames.SellerName);
        Assert.Equal("SANC-001", f.Rule);
        Assert.Equal(ResultStatus.NeedsReview, r.Status);
        Assert.Contains("country DE is not one of the entry's", f.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WeakAliasAlone_WithAgreeingCountry_IsNeverStrong()
    {
        var weak = Entries.Where(e => e.Countries.Count > 0)
            .SelectMany(e => e.Names.Where(n => n.Kind == NameKind.WeakAlias).Select(n => (Entry: e, Name: n)))
            .First(x => NameNormalizer.Normalize(x.Name.Text).Tokens.Count >= 2);
        var matches = ScreeningIndex.Default.Screen(new PartyQuery(weak.Name.Text, weak.Entry.Countries[0]), max: 20);
        var own = Assert.Single(matches, m => m.Entry.Id == weak.Entry.Id);
        Assert.Equal(NameKind.WeakAlias, own.MatchedName.Kind);
        Assert.False(own.IsStrong);
        Assert.Contains("a weak alias alone is never a strong match", own.Reasons);
    }

    [Fact]
    public async Task ListedIdentifierAsTheSellersTaxId_IsAStrongMatch()
    {
        var ship = Entries.Single(e => e.Id == "UK:DPR0075");
        var r = await ProcessAsync(Encoding.UTF8.GetBytes(UblWithSeller("Harbour Holdings GmbH", taxId: "IMO 9562233")), "ubl.xml");
        var f = Screening(r, FieldNames.SellerName);
        Assert.Equal("SANC-002", f.Rule);
        Assert.Contains(ship.Id, f.Message, StringComparison.Ordinal);
        Assert.Contains("identifier IMO 9562233 equals the listed imo IMO9562233", f.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CleanSample_HasNoScreeningFinding_AndRecordsTheEditionsItWasScreenedAgainst()
    {
        var r = await ProcessAsync(File.ReadAllBytes(Path.Combine(TestPaths.Samples, "documents", "ubl-invoice-de-us-clean.xml")), "clean.xml");
        Assert.DoesNotContain(r.Findings, f => f.Rule.StartsWith("SANC-", StringComparison.Ordinal));
        Assert.Equal(ScreeningIndex.Default.EditionLabels, r.Versions.Screening);
        Assert.Contains("un-sc: 2026-02-27", r.Versions.Screening!);
        var json = ResultSerializer.Serialize(r);
        Assert.Contains("\"screening\"", json, StringComparison.Ordinal);
        Schemas.AssertValid(Schemas.Result, json, "result with versions.screening");
    }

    [Fact]
    public void EveryHeaderNameField_IsAParty_DeclarantAndFutureConsigneeIncluded()
    {
        var doc = Docs.Invoice(f =>
        {
            f.Set(FieldNames.DeclarantName, "BANCO NACIONAL DE CUBA");
            f.Set("consigneeName", "NATIONAL BANK OF CUBA");
        });
        var findings = RuleEngine.CreateDefault().Evaluate(doc, new DateOnly(2026, 3, 4));
        Assert.Contains(findings, f => f.Rule == "SANC-001" && f.Path == FieldNames.DeclarantName);
        Assert.Contains(findings, f => f.Rule == "SANC-001" && f.Path == "consigneeName");
        Assert.DoesNotContain(findings, f => f.Rule.StartsWith("SANC-", StringComparison.Ordinal) && f.Path is FieldNames.SellerName or FieldNames.BuyerName);
    }

    [Fact]
    public void SamePartyOnTwoDocuments_IsScreenedOnce_WithTheSameFinding()
    {
        var rule = new SanctionsScreeningRule();
        var doc = Docs.Invoice(f => f.Set(FieldNames.SellerName, "BANCO NACIONAL DE CUBA"));
        var first = new RuleContext(doc, new DateOnly(2026, 3, 4));
        var second = new RuleContext(Docs.Invoice(f => f.Set(FieldNames.SellerName, "BANCO NACIONAL DE CUBA")), new DateOnly(2026, 3, 4));
        rule.Evaluate(first);
        rule.Evaluate(second);
        Assert.Equal(2, rule.CachedParties); // seller and buyer, each once
        Assert.Equal(first.Findings.Single().Message, second.Findings.Single().Message);
    }

    [Fact]
    public void Catalogue_ListsBothScreeningRules()
    {
        var catalogue = RuleEngine.CreateDefault().Catalogue.ToDictionary(r => r.Id);
        Assert.Equal(Severity.Warning, catalogue["SANC-001"].Severity);
        Assert.Equal(Severity.Error, catalogue["SANC-002"].Severity);
    }

    [Fact]
    public void AllUnOriginalScriptNamesAndStrongAliases_AndEveryTwentiethUkName_AreFoundAsTheirListedName()
    {
        var planted = Entries.Where(e => e.List == "un-sc").SelectMany(e => e.Names.Where(n => n.Kind is NameKind.OriginalScript or NameKind.StrongAlias).Select(n => n.Text))
            .Concat(Entries.Where(e => e.List == "uk-fcdo").SelectMany(e => e.Names).Where((_, i) => i % 20 == 0).Select(n => n.Text))
            .Where(n => !NameNormalizer.Normalize(n).IsEmpty)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        // Found: a match at or above the threshold whose listed name is the planted name after normalisation.
        var missed = planted.Where(n => !ScreeningIndex.Default.Screen(new PartyQuery(n), 5)
            .Any(m => NameNormalizer.Normalize(m.MatchedName.Text).Key == NameNormalizer.Normalize(n).Key)).ToList();
        output.WriteLine($"{planted.Count} listed names screened, {missed.Count} not found as their listed name: {string.Join(" | ", missed.Take(20))}");
        Assert.Empty(missed);
    }

    [Fact]
    public void TenThousandOrdinaryCompanyNames_GiveFewerThanOnePossibleMatchInAThousand()
    {
        // Words of ordinary trading companies; none taken from the lists. Deterministic seed.
        string[] first = ["Nordic", "Brightwater", "Hillcrest", "Maplewood", "Stonebridge", "Bluefield", "Clearview", "Fairhaven", "Greenleaf", "Ironwood",
            "Kingsley", "Lakeshore", "Millbrook", "Newbury", "Oakridge", "Parkside", "Queensway", "Rosewood", "Seaview", "Thornbury", "Upland", "Valleyview",
            "Whitmore", "Yardley", "Ashford", "Birchwood", "Copperfield", "Dunmore", "Elmstead", "Foxley", "Becker", "Schneider", "Wagner", "Hoffmann",
            "Lambert", "Fontaine", "Bianchi", "Ferrari", "Moretti", "Jansen", "de Vries", "Nilsson", "Andersen", "Virtanen", "Kovac", "Horvath", "Dvorak",
            "Sato", "Suzuki", "Watanabe", "Murphy", "O'Brien", "Campbell", "Henderson", "Fletcher", "Pereira", "Almeida", "Navarro", "Ortega", "Castillo"];
        string[] trade = ["Bakery", "Bearings", "Brewing", "Cabinetry", "Coatings", "Cycles", "Dairy", "Fasteners", "Flooring", "Glassworks", "Hardware",
            "Hydraulics", "Joinery", "Knitwear", "Lighting", "Lumber", "Millwork", "Nutrition", "Orchards", "Pottery", "Printing", "Pumps", "Roofing",
            "Saddlery", "Seeds", "Springs", "Stationery", "Tiles", "Upholstery", "Valves", "Vineyards", "Welding", "Woodcraft", "Yarns", "Cosmetics"];
        string[] generic = ["", "", "", "Trading", "Supplies", "Industries", "Group", "International", "Manufacturing", "Distribution", "Imports"];
        string[] legal = ["GmbH", "Ltd", "LLC", "Inc.", "S.A.", "S.r.l.", "B.V.", "AB", "Oy", "A/S", "Pty Ltd", "Co., Ltd.", "SAS", "KG", "plc"];
        var random = new Random(20261207);
        var names = new List<string>(10_000);
        for (var i = 0; i < 10_000; i++)
        {
            var g = generic[random.Next(generic.Length)];
            var extra = random.Next(4) == 0 ? first[random.Next(first.Length)] + " " : "";
            names.Add($"{first[random.Next(first.Length)]} {extra}{trade[random.Next(trade.Length)]}{(g.Length > 0 ? " " + g : "")} {legal[random.Next(legal.Length)]}");
        }
        var hits = names.Select(n => (Name: n, Matches: ScreeningIndex.Default.Screen(new PartyQuery(n), 1))).Where(x => x.Matches.Count > 0).ToList();
        output.WriteLine($"{hits.Count} possible matches in {names.Count} ordinary company names ({hits.Count / (double)names.Count:P2})");
        foreach (var (n, m) in hits.Take(20)) output.WriteLine($"  {n} -> {m[0].Entry.Id} {m[0].MatchedName.Text} {m[0].Score:0.00}");
        Assert.True(hits.Count < names.Count / 1000, $"{hits.Count} possible matches");
    }
}
