using System.Text;
using CustomsFn.Core;
using CustomsFn.Core.Contract;
using CustomsFn.Core.Foundation;
using CustomsFn.Core.Model;
using CustomsFn.Core.Pipeline;
using CustomsFn.Core.Rules;
using CustomsFn.Core.Screening;
using CustomsFn.Core.Shipments;
using Moq;
using static CustomsFn.Tests.Shipments.ShipmentDocs;

namespace CustomsFn.Tests.Shipments;

/// <summary>
/// Sanctions screening per shipment (issue 23): every distinct party of the shipment's documents screened once, with the
/// documents it appears on, its best match and a SHIP-060 / SHIP-061 finding when it matches.
/// </summary>
public sealed class ShipmentScreeningTests
{
    /// <summary>A real listed name, chosen by rule (the first UK-listed organisation by id whose name has two distinctive words), as ScreeningRuleTests plants them.</summary>
    private static readonly ScreeningEntry Listed = ScreeningPack.Shipped.Entries
        .Where(e => e.List == "uk-fcdo" && e.Type == PartyType.Organisation && NameNormalizer.Normalize(e.PrimaryName).Tokens.Count(t => t.Weight >= 1f) >= 2)
        .OrderBy(e => e.Id, StringComparer.Ordinal).First();

    /// <summary>The entries listing that name (the same designation is on several lists): the best match is one of them.</summary>
    private static ScreeningEntry ListingEntry(string list, string id)
    {
        var key = NameNormalizer.Normalize(Listed.PrimaryName).Key;
        var entry = Assert.Single(ScreeningPack.Shipped.Entries, e => e.List == list && e.Id == id);
        Assert.Contains(entry.Names, n => NameNormalizer.Normalize(n.Text).Key == key);
        return entry;
    }

    private static readonly ShipmentGrouping Grouping = new() { Rule = GroupingRules.UploadPath, Key = "test", Description = "test" };

    /// <summary>The shipped lists behind a mock, so each call is counted.</summary>
    private static Mock<IPartyScreener> CountingScreener()
    {
        var real = IndexPartyScreener.Default;
        var mock = new Mock<IPartyScreener>(MockBehavior.Strict);
        mock.SetupGet(s => s.Editions).Returns(real.Editions);
        mock.Setup(s => s.Screen(It.IsAny<PartyQuery>(), It.IsAny<int>())).Returns((PartyQuery q, int max) => real.Screen(q, max));
        return mock;
    }

    private static ShipmentResult Reconcile(IPartyScreener screener, params ShipmentDocument[] docs) =>
        new ShipmentReconciler(screener: screener).Reconcile("test", Grouping, docs.Select(d => new ShipmentMemberInput(d, GroupingRules.UploadPath)), ShipmentSamples.Clock);

    private static ShipmentDocument Invoice(string seller, string buyer = "Globex Imports Ltd") =>
        Doc(DocumentType.CommercialInvoice, f =>
        {
            f.Set(FieldNames.InvoiceNumber, "INV-1");
            f.Set(FieldNames.IssueDate, "2026-10-01");
            f.Set(FieldNames.Currency, "EUR");
            Parties(f, seller, buyer);
        }, Line("Hydraulic pump", "841360", 10, amount: 1000));

    private static ShipmentDocument PackingList(string seller, string buyer = "Globex Imports Ltd", string number = "PL-1") =>
        Doc(DocumentType.PackingList, f =>
        {
            f.Set(FieldNames.DocumentNumber, number);
            f.Set(FieldNames.InvoiceReference, "INV-1");
            Parties(f, seller, buyer);
        }, Line("Hydraulic pump", "841360", 10));

    private static ScreenedParty PartyNamed(ShipmentResult result, string name) =>
        Assert.Single(result.Screening!.Parties, p => p.NormalizedName == NameNormalizer.Normalize(name).Key);

    [Fact]
    public void ListedSeller_OnInvoiceAndPackingList_IsOneParty_ListingBothDocuments_WithItsMatch_AndAShipmentFinding()
    {
        var invoice = Invoice(Listed.PrimaryName);
        var packing = PackingList(Listed.PrimaryName);

        var result = Reconcile(IndexPartyScreener.Default, invoice, packing);

        var seller = PartyNamed(result, Listed.PrimaryName);
        Assert.Equal([FieldNames.SellerName], seller.Fields);
        Assert.Equal(2, seller.DocumentCount);
        Assert.Equal(new[] { invoice.DocumentId, packing.DocumentId }.Order(StringComparer.Ordinal), seller.Documents.Select(d => d.DocumentId).Order(StringComparer.Ordinal));
        Assert.Equal(PartyScreening.ByShipment, seller.ScreenedBy);
        var m = Assert.IsType<PartyMatch>(seller.Match);
        var entry = ListingEntry(m.List, m.EntryId);
        Assert.Equal(entry.Programme, m.Programme);
        Assert.Equal(entry.PrimaryName, m.PrimaryName);
        Assert.False(string.IsNullOrEmpty(m.MatchedName));
        Assert.InRange(m.Score, 0.76, 1.0);
        Assert.Equal(m.Verdict == "strong" ? "SANC-002" : "SANC-001", m.Rule);
        // The matching party comes first.
        Assert.Same(seller, result.Screening!.Parties[0]);
        Assert.Null(PartyNamed(result, "Globex Imports Ltd").Match);

        var finding = Assert.Single(result.Findings, f => f.Rule is "SHIP-060" or "SHIP-061");
        Assert.Equal(m.Verdict == "strong" ? "SHIP-061" : "SHIP-060", finding.Rule);
        Assert.Contains(Listed.PrimaryName, finding.Message, StringComparison.Ordinal);
        Assert.Contains(m.EntryId, finding.Message, StringComparison.Ordinal);
        Assert.Contains(invoice.Label, finding.Message, StringComparison.Ordinal);
        Assert.Contains(packing.Label, finding.Message, StringComparison.Ordinal);
        Assert.Equal(new[] { invoice.DocumentId, packing.DocumentId }.Order(StringComparer.Ordinal), finding.Evidence.Select(e => e.DocumentId).Order(StringComparer.Ordinal));
        Assert.All(finding.Evidence, e => Assert.Equal(FieldNames.SellerName, e.Path));
        Assert.NotEqual(ShipmentVerdict.Consistent, result.Verdict);
        Assert.Equal(ScreeningIndex.Default.EditionLabels, result.Screening.Editions);
        Schemas.AssertValid(Schemas.Shipment, ResultSerializer.Serialize(result), "screened shipment");
    }

    [Fact]
    public void CleanParties_AreListed_WithoutAMatch_AndNoShipmentFinding()
    {
        var result = Reconcile(IndexPartyScreener.Default, Invoice("Acme Industrial GmbH"), PackingList("Acme Industrial GmbH"));

        Assert.Equal(2, result.Screening!.Parties.Count); // seller and buyer
        Assert.All(result.Screening.Parties, p => Assert.Null(p.Match));
        Assert.All(result.Screening.Parties, p => Assert.Equal(2, p.DocumentCount));
        Assert.DoesNotContain(result.Findings, f => f.Rule is "SHIP-060" or "SHIP-061");
        Assert.Equal(ShipmentVerdict.Consistent, result.Verdict);
        Assert.Null(result.Truncated);
        Schemas.AssertValid(Schemas.Shipment, ResultSerializer.Serialize(result), "clean shipment");
    }

    [Fact]
    public void OneParty_SpelledWithAnotherLegalForm_CaseAndSpacing_OnEachDocument_IsOneParty()
    {
        var invoice = Invoice("Acme Industrial GmbH");
        var packing = PackingList("ACME   INDUSTRIAL");
        var second = PackingList("acme industrial g.m.b.h.", number: "PL-2");

        var result = Reconcile(IndexPartyScreener.Default, invoice, packing, second);

        var seller = PartyNamed(result, "Acme Industrial GmbH");
        Assert.Equal("Acme Industrial GmbH", seller.Name); // as the invoice (first in role order) writes it
        Assert.Equal(3, seller.DocumentCount);
        Assert.Equal(new[] { "Acme Industrial GmbH", "ACME   INDUSTRIAL", "acme industrial g.m.b.h." }.Order(StringComparer.Ordinal), seller.Documents.Select(d => d.Name).Order(StringComparer.Ordinal));
        Assert.Equal(2, result.Screening!.Parties.Count);

        // A listed name with a legal form on one document and in capitals on the other: one matching party, one finding naming both.
        var listedInvoice = Invoice(Listed.PrimaryName + " LLC");
        var listedPacking = PackingList(Listed.PrimaryName.ToUpperInvariant());
        var listed = Reconcile(IndexPartyScreener.Default, listedInvoice, listedPacking);
        var party = PartyNamed(listed, Listed.PrimaryName);
        Assert.Equal(2, party.DocumentCount);
        Assert.NotNull(party.Match);
        ListingEntry(party.Match.List, party.Match.EntryId);
        var finding = Assert.Single(listed.Findings, f => f.Rule is "SHIP-060" or "SHIP-061");
        Assert.Equal(2, finding.Evidence.Count);

        // The section depends on the set of documents only.
        Assert.Equal(ResultSerializer.Serialize(result), ResultSerializer.Serialize(Reconcile(IndexPartyScreener.Default, second, packing, invoice)));
    }

    [Fact]
    public void EachDistinctParty_IsScreenedOnce_NotOncePerDocument()
    {
        var screener = CountingScreener();
        var docs = new[]
        {
            Invoice(Listed.PrimaryName, "Globex Imports Ltd"),
            PackingList(Listed.PrimaryName.ToUpperInvariant() + " Ltd", "GLOBEX IMPORTS LIMITED"),
            PackingList(Listed.PrimaryName, "Globex  Imports", number: "PL-2"),
            Doc(DocumentType.CertificateOfOrigin, f => { f.Set(FieldNames.DocumentNumber, "CO-1"); f.Set(FieldNames.InvoiceReference, "INV-1"); Parties(f, Listed.PrimaryName, "globex imports ltd"); }),
        };

        var result = Reconcile(screener.Object, docs);

        Assert.Equal(2, result.Screening!.Parties.Count);
        Assert.All(result.Screening.Parties, p => Assert.Equal(4, p.DocumentCount));
        screener.Verify(s => s.Screen(It.IsAny<PartyQuery>(), It.IsAny<int>()), Times.Exactly(2));
        screener.Verify(s => s.Screen(It.Is<PartyQuery>(q => q.Name == Listed.PrimaryName), It.IsAny<int>()), Times.Once());
        screener.Verify(s => s.Screen(It.Is<PartyQuery>(q => q.Name == "Globex Imports Ltd"), It.IsAny<int>()), Times.Once());
        Assert.Single(result.Findings, f => f.Rule is "SHIP-060" or "SHIP-061");

        // An incremental reconciler (as the tracker keeps one) screens a party once across arrivals, not once per update.
        var cached = CountingScreener();
        var reconciler = new ShipmentReconciler(cacheCapacity: 1000, screener: cached.Object);
        for (var k = 1; k <= docs.Length; k++)
            reconciler.Reconcile("test", Grouping, docs.Take(k).Select(d => new ShipmentMemberInput(d, GroupingRules.UploadPath)), ShipmentSamples.Clock);
        cached.Verify(s => s.Screen(It.IsAny<PartyQuery>(), It.IsAny<int>()), Times.Exactly(2));
    }

    [Fact]
    public async Task ProcessedDocuments_CarryingSancFindings_AreReused_WithoutScreeningAgain()
    {
        // The s01 sample with its seller replaced by the listed name: in capitals on the invoice, as listed on the packing list.
        var processor = CustomsDefaults.CreateProcessor(time: new FixedClock(ShipmentSamples.Clock));
        var results = new List<CustomsResult>();
        foreach (var file in ShipmentSamples.DocumentFiles("s01-de-us-clean"))
        {
            var xml = await File.ReadAllTextAsync(file);
            var upper = System.Security.SecurityElement.Escape(Listed.PrimaryName.ToUpperInvariant());
            var plain = System.Security.SecurityElement.Escape(Listed.PrimaryName);
            xml = xml.Replace("Rheinwerk Antriebe GmbH", upper, StringComparison.Ordinal).Replace("Rheinwerk Antriebe", plain, StringComparison.Ordinal);
            results.Add(await processor.ProcessAsync(UploadContent.FromBytes(Encoding.UTF8.GetBytes(xml)), new DocumentRef("incoming/s01/" + Path.GetFileName(file)), CancellationToken.None));
        }
        var own = results.Select(r => Assert.Single(r.Findings, f => f.Rule is "SANC-001" or "SANC-002" && f.Path == FieldNames.SellerName)).ToList();
        var reported = own.Select(f => SanctionsScreeningRule.Read(f)!).ToList();
        Assert.All(reported, r => Assert.Equal(ListingEntry(r.List, r.EntryId).PrimaryName, r.PrimaryName));

        var screener = CountingScreener();
        var result = Reconcile(screener.Object, results.Select(ShipmentDocument.From).ToArray());

        // Both documents were screened against the same editions: the seller's match and the clean buyer are reused.
        screener.Verify(s => s.Screen(It.IsAny<PartyQuery>(), It.IsAny<int>()), Times.Never());
        var seller = PartyNamed(result, Listed.PrimaryName);
        Assert.Equal(PartyScreening.ByDocuments, seller.ScreenedBy);
        Assert.Equal(2, seller.DocumentCount);
        Assert.Equal(results.Select(r => r.DocumentId).Order(StringComparer.Ordinal), seller.Documents.Select(d => d.DocumentId).Order(StringComparer.Ordinal));
        var best = reported.OrderByDescending(r => r.IsStrong).ThenByDescending(r => r.Score).First();
        Assert.Equal(best.EntryId, seller.Match!.EntryId);
        Assert.Equal(best.List, seller.Match.List);
        Assert.Equal(best.PrimaryName, seller.Match.PrimaryName);
        Assert.Equal(best.Programme, seller.Match.Programme);
        Assert.Equal(best.Score, seller.Match.Score);
        Assert.Equal(best.MatchedName, seller.Match.MatchedName);
        Assert.NotNull(seller.Match.MatchedName);
        Assert.All(result.Screening!.Parties.Where(p => p != seller), p => { Assert.Null(p.Match); Assert.Equal(PartyScreening.ByDocuments, p.ScreenedBy); });
        var finding = Assert.Single(result.Findings, f => f.Rule is "SHIP-060" or "SHIP-061");
        Assert.Equal(2, finding.Evidence.Select(e => e.DocumentId).Distinct().Count());
        Assert.Contains("as the documents' own screening found", finding.Message, StringComparison.Ordinal);

        // Screened against other editions (an older pack), the documents' screening is not reused: each party is screened once here.
        var older = CountingScreener();
        var stale = Reconcile(older.Object, results.Select(r => ShipmentDocument.From(r) with { ScreenedAgainst = ["uk-fcdo: 2020-01-01"] }).ToArray());
        older.Verify(s => s.Screen(It.IsAny<PartyQuery>(), It.IsAny<int>()), Times.Exactly(result.Screening.Parties.Count));
        var again = PartyNamed(stale, Listed.PrimaryName);
        Assert.Equal(PartyScreening.ByShipment, again.ScreenedBy);
        Assert.NotNull(again.Match);
        ListingEntry(again.Match.List, again.Match.EntryId);
    }

    [Fact]
    public void ADocumentFinding_ThatDoesNotRead_IsNotTakenForClean_ThePartyIsScreenedOnce()
    {
        var editions = IndexPartyScreener.Default.Editions;
        var garbled = new Finding { Rule = "SANC-001", Severity = Severity.Warning, Path = FieldNames.SellerName, Message = "sellerName: resembles a listed name.", Reference = "somewhere" };
        Assert.Null(SanctionsScreeningRule.Read(garbled));
        var invoice = Invoice(Listed.PrimaryName) with { ScreenedAgainst = editions, ScreeningFindings = [garbled] };
        var packing = PackingList(Listed.PrimaryName) with { ScreenedAgainst = editions };
        var screener = CountingScreener();

        var result = Reconcile(screener.Object, invoice, packing);

        // The buyer was screened clean on both documents against these editions: reused. The seller is screened here.
        screener.Verify(s => s.Screen(It.IsAny<PartyQuery>(), It.IsAny<int>()), Times.Once());
        var seller = PartyNamed(result, Listed.PrimaryName);
        Assert.Equal(PartyScreening.ByShipment, seller.ScreenedBy);
        Assert.NotNull(seller.Match);
        Assert.Equal(PartyScreening.ByDocuments, PartyNamed(result, "Globex Imports Ltd").ScreenedBy);
        Assert.Contains("screened once for the shipment", Assert.Single(result.Findings, f => f.Rule is "SHIP-060" or "SHIP-061").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ManyParties_AreBounded_MatchingPartyFirst_WithEveryCount()
    {
        var docs = new List<ShipmentDocument> { Invoice(Listed.PrimaryName, "Buyer Number 0 Ltd") };
        for (var n = 1; n <= 30; n++) docs.Add(PackingList(Listed.PrimaryName, $"Buyer Number {n} Ltd", number: $"PL-{n}"));
        var members = docs.Select(d => new ShipmentMemberInput(d, GroupingRules.UploadPath)).ToList();

        var bounded = new ShipmentReconciler(maxStoredParties: 5, maxPartyDocuments: 3).Reconcile("big", Grouping, members, ShipmentSamples.Clock);
        var full = new ShipmentReconciler(maxStoredParties: int.MaxValue, maxPartyDocuments: int.MaxValue).Reconcile("big", Grouping, members, ShipmentSamples.Clock);

        Assert.Null(full.Truncated);
        Assert.Equal(32, full.Screening!.Parties.Count); // the seller and 31 buyers
        var t = Assert.IsType<ShipmentTruncation>(bounded.Truncated);
        Assert.Equal(32, t.ScreenedParties);
        Assert.Equal(5, t.StoredScreenedParties);
        Assert.Equal(62, t.PartyAppearances);
        Assert.Equal(3 + 4, t.StoredPartyAppearances); // the seller's first 3 of 31 appearances, and 4 buyers of one document each
        Assert.Equal(t.Findings, t.StoredFindings);
        var seller = bounded.Screening!.Parties[0];
        Assert.NotNull(seller.Match);
        Assert.Equal(31, seller.DocumentCount);
        Assert.Equal(3, seller.Documents.Count);
        var finding = Assert.Single(bounded.Findings, f => f.Rule is "SHIP-060" or "SHIP-061");
        Assert.Equal(3, finding.Evidence.Count);
        Assert.Contains("appears on 31 document(s)", finding.Message, StringComparison.Ordinal);
        Assert.Contains("and 21 more", finding.Message, StringComparison.Ordinal);
        Assert.Equal(full.FindingCounts, bounded.FindingCounts);
        Assert.Equal(full.Verdict, bounded.Verdict);
        Schemas.AssertValid(Schemas.Shipment, ResultSerializer.Serialize(bounded), "bounded screening");
    }
}
