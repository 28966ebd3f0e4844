using CustomsFn.Core.Foundation;
using CustomsFn.Core.Model;
using CustomsFn.Core.Shipments;

namespace CustomsFn.Tests.Shipments;

public sealed class ShipmentGroupingTests
{
    [Fact]
    public void Explicit_MetadataWinsOverThePath_AndBothAreSanitized()
    {
        var both = new DocumentRef("incoming/S-17/invoice.pdf", metadata: new Dictionary<string, string> { ["Shipment"] = "HAM 2026/0042" });
        Assert.Equal(new ExplicitShipment("HAM-2026-0042", GroupingRules.Metadata), ShipmentGrouper.Explicit(both));
        Assert.Equal(new ExplicitShipment("S-17", GroupingRules.UploadPath), ShipmentGrouper.Explicit(new DocumentRef("incoming/S-17/invoice.pdf")));
        Assert.Equal("etc", ShipmentGrouper.Explicit(new DocumentRef("incoming/x.pdf", metadata: new Dictionary<string, string> { ["shipment"] = "../../etc" }))!.ShipmentId);
        Assert.Null(ShipmentGrouper.Explicit(new DocumentRef("incoming/invoice.pdf")));
        Assert.Null(ShipmentNames.Sanitize(" /// "));
        Assert.Equal(128, ShipmentNames.Sanitize(new string('a', 300))!.Length);
    }

    /// <summary>
    /// API uploads are stored as incoming/api/{hash}/{name}: the path grouping took "api" as their shipment, so six
    /// unrelated invoices made one inconsistent shipment (issue 24). Their shipment is the one the uploader names, or none.
    /// </summary>
    [Fact]
    public void Explicit_AnApiUpload_IsInTheShipmentItsUploaderNames_OrInNone()
    {
        var via = new Dictionary<string, string> { ["uploadedvia"] = "api" };
        Assert.Null(ShipmentGrouper.Explicit(new DocumentRef("incoming/api/0123456789abcdef/invoice.pdf", metadata: via)));
        var named = new Dictionary<string, string>(via) { ["shipment"] = "HAM-2026-0042" };
        Assert.Equal(new ExplicitShipment("HAM-2026-0042", GroupingRules.Metadata),
            ShipmentGrouper.Explicit(new DocumentRef("incoming/api/0123456789abcdef/invoice.pdf", metadata: named)));
        // A folder that happens to be called api, uploaded by storage tools, is still a shipment folder.
        Assert.Equal(new ExplicitShipment("api", GroupingRules.UploadPath), ShipmentGrouper.Explicit(new DocumentRef("incoming/api/invoice.pdf")));
    }

    [Fact]
    public void ExplicitGrouping_IsTheHighestPrecedenceRuleAmongMembers()
    {
        Assert.Equal(GroupingRules.Metadata, ShipmentGrouper.ExplicitGrouping("s", [GroupingRules.UploadPath, GroupingRules.Metadata]).Rule);
        Assert.Equal(GroupingRules.UploadPath, ShipmentGrouper.ExplicitGrouping("s", [GroupingRules.UploadPath]).Rule);
    }

    private static GroupingKeys Keys(string id, string type, string? reference, string date, string seller = "Acme Industrial GmbH", string buyer = "Globex Ltd") => new()
    {
        DocumentId = id, DocumentType = type, InvoiceKey = reference, IssueDate = date, SellerName = seller, BuyerName = buyer,
    };

    [Fact]
    public void Group_ByReference_WhateverItsSpelling_WithinTheWindow()
    {
        var groups = new ShipmentGrouper().Group(
        [
            Keys("a", DocumentType.CommercialInvoice, "INV 2026/0042", "2026-10-01"),
            Keys("b", DocumentType.PackingList, "inv-2026-0042", "2026-10-03", seller: "Someone Else"),
            Keys("c", DocumentType.PackingList, "INV-2026-0042", "2027-03-01"), // same number, five months later: another shipment
        ]);
        Assert.Equal(2, groups.Count);
        var g = Assert.Single(groups, x => x.JoinedBy.Count == 2);
        Assert.Equal(["a", "b"], g.JoinedBy.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(GroupingRules.Reference, g.Grouping.Rule);
        Assert.StartsWith("ref-", g.ShipmentId, StringComparison.Ordinal);
    }

    [Fact]
    public void Group_DocumentsQuotingNoInvoice_JoinTheClosestDatedShipmentOfTheSameParties()
    {
        var groups = new ShipmentGrouper().Group(
        [
            Keys("i1", DocumentType.CommercialInvoice, "INV-1", "2026-10-01"),
            Keys("i2", DocumentType.CommercialInvoice, "INV-2", "2026-10-20"),
            Keys("co", DocumentType.CertificateOfOrigin, null, "2026-10-18"),
            Keys("x", DocumentType.CertificateOfOrigin, null, "2026-10-18", seller: "Initech LLC"),
        ]);
        Assert.Equal(3, groups.Count);
        var withCertificate = Assert.Single(groups, g => g.JoinedBy.ContainsKey("co"));
        Assert.Equal(["co", "i2"], withCertificate.JoinedBy.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(GroupingRules.Parties, withCertificate.JoinedBy["co"]);
        var alone = Assert.Single(groups, g => g.JoinedBy.ContainsKey("x"));
        Assert.Equal(GroupingRules.Parties, alone.Grouping.Rule);
        Assert.StartsWith("parties-", alone.ShipmentId, StringComparison.Ordinal);
    }

    [Fact]
    public void Group_IsAFunctionOfTheSet()
    {
        var keys = new[]
        {
            Keys("i1", DocumentType.CommercialInvoice, "INV-1", "2026-10-01"),
            Keys("p1", DocumentType.PackingList, "INV-1", "2026-10-02"),
            Keys("co", DocumentType.CertificateOfOrigin, null, "2026-10-03"),
            Keys("co2", DocumentType.CertificateOfOrigin, null, "2026-12-30"),
        };
        var a = new ShipmentGrouper().Group(keys);
        var b = new ShipmentGrouper().Group(keys.Reverse());
        Assert.Equal(a.Select(g => (g.ShipmentId, string.Join(",", g.JoinedBy.OrderBy(k => k.Key, StringComparer.Ordinal)))),
            b.Select(g => (g.ShipmentId, string.Join(",", g.JoinedBy.OrderBy(k => k.Key, StringComparer.Ordinal)))));
    }
}
