using CustomsFn.Core;
using CustomsFn.Core.Contract;
using CustomsFn.Core.Foundation;
using CustomsFn.Core.Model;

namespace CustomsFn.Tests.Shipments;

/// <summary>The UBL DespatchAdvice (packing list) and CertificateOfOrigin readers.</summary>
public sealed class UblShipmentDocumentTests
{
    private static async Task<CustomsResult> Process(string id, string file)
    {
        await using var stream = File.OpenRead(Path.Combine(ShipmentSamples.Root, id, file));
        var result = await CustomsDefaults.CreateProcessor().ProcessAsync(stream, new DocumentRef(file), CancellationToken.None);
        Schemas.AssertValid(Schemas.Result, ResultSerializer.Serialize(result), file);
        return result;
    }

    [Fact]
    public async Task DespatchAdvice_IsReadAsAPackingList()
    {
        var r = await Process("s02-cn-gb-quantity-weight", "packing-list.xml");
        Assert.Equal(DocumentType.PackingList, r.DocumentType);
        // 9405.42 is an HS 2022 code: a line of the UK tariff on the 2022 nomenclature, so nothing to review.
        Assert.Equal(ResultStatus.Accepted, r.Status);
        Assert.DoesNotContain(r.Findings, f => f.Severity != Severity.Info);
        Assert.Equal("BL-PL-26-0788", r.Fields.GetText(FieldNames.DocumentNumber));
        Assert.Equal("BL-INV-26-0788", r.Fields.GetText(FieldNames.InvoiceReference));
        Assert.Equal("/DespatchAdvice/cac:AdditionalDocumentReference/cbc:ID", r.Fields.SourceOf(FieldNames.InvoiceReference)!.Path);
        Assert.Equal(1310m, r.Fields.GetNumber(FieldNames.GrossWeightKg));
        Assert.Equal(50m, r.Fields.GetNumber(FieldNames.PackageCount));
        Assert.Equal("CIF", r.Fields.GetText(FieldNames.Incoterm));
        Assert.Equal("Felixstowe", r.Fields.GetText(FieldNames.IncotermPlace));
        Assert.Equal("Shenzhen Bright Lamp Co., Ltd.", r.Fields.GetText(FieldNames.SellerName));
        Assert.Equal("GB", r.Fields.GetText(FieldNames.BuyerCountry));
        Assert.Equal(3, r.Lines.Count);
        Assert.Equal(480m, r.Lines[0].GetNumber(FieldNames.Quantity));
        Assert.Equal("850440", r.Lines[0].GetText(FieldNames.HsCode));
        Assert.Equal("/DespatchAdvice/cac:DespatchLine[1]/cbc:DeliveredQuantity", r.Lines[0].SourceOf(FieldNames.Quantity)!.Path);
        Assert.False(r.Fields.ContainsKey(FieldNames.InvoiceNumber));
    }

    [Fact]
    public async Task DespatchAdvice_LineNetWeights()
    {
        var r = await Process("s04-it-ca-clean-certificate", "packing-list.xml");
        Assert.Equal([2160m, 1080m], r.Lines.Select(l => l.GetNumber(FieldNames.NetWeightKg)!.Value));
    }

    [Fact]
    public async Task CertificateOfOrigin_IsRead_WithTheOriginPerLine()
    {
        var r = await Process("s03-jp-de-origin", "certificate-of-origin.xml");
        Assert.Equal(DocumentType.CertificateOfOrigin, r.DocumentType);
        Assert.Equal(ResultStatus.Accepted, r.Status);
        Assert.Equal("OSK-CO-26-55120", r.Fields.GetText(FieldNames.DocumentNumber));
        Assert.Equal("KPT-26-1104", r.Fields.GetText(FieldNames.InvoiceReference));
        Assert.Equal("Kansai Precision Tools K.K.", r.Fields.GetText(FieldNames.SellerName));
        Assert.Equal("Werkzeughandel Bauer GmbH", r.Fields.GetText(FieldNames.BuyerName));
        Assert.Equal(["JP", "CN"], r.Lines.Select(l => l.GetText(FieldNames.OriginCountry)));
        Assert.False(r.Fields.ContainsKey(FieldNames.OriginCountry)); // two origins: none for the whole certificate

        var single = await Process("s04-it-ca-clean-certificate", "certificate-of-origin.xml");
        Assert.Equal("IT", single.Fields.GetText(FieldNames.OriginCountry));
        Assert.False(single.Fields.ContainsKey(FieldNames.InvoiceReference));
    }
}
