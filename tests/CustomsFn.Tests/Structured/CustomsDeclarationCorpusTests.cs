using System.Xml;
using CustomsFn.Core.Contract;
using CustomsFn.Core.Foundation;
using CustomsFn.Core.Model;
using static CustomsFn.Tests.Structured.Structured;

namespace CustomsFn.Tests.Structured;

/// <summary>
/// Issue 3 acceptance: every OASIS UBL customs/transport example and every WCO DEC-DMS declaration of the HMRC CDS trade-test
/// samples is read, with commodity codes, customs values, origin countries and procedure codes equal to the XML's (XPath here).
/// </summary>
public sealed class CustomsDeclarationCorpusTests
{
    private const string Oasis = "einvoice/oasis-ubl-examples";
    private const string Cds = "customs/hmrc-cds-trade-test-samples";
    private const string DecNs = "urn:wco:datamodel:WCO:DEC-DMS:2";

    [SkippableFact]
    public async Task OasisCustomsAndTransportExamples_AreReadWithTheirGoodsItems()
    {
        var root = TestPaths.RequireCorpus(Oasis);
        var expectedTypes = new Dictionary<string, string>
        {
            ["UBL-ExportCustomsDeclaration-2.3-Example.xml"] = DocumentType.CustomsDeclaration,
            ["UBL-ImportCustomsDeclaration-2.3-Example.xml"] = DocumentType.CustomsDeclaration,
            ["UBL-TransitCustomsDeclaration-2.3-Example.xml"] = DocumentType.CustomsDeclaration,
            ["UBL-GoodsCertificate-2.3-Example.xml"] = DocumentType.CertificateOfOrigin,
            ["UBL-Waybill-2.0-Example-International.xml"] = DocumentType.Waybill,
        };
        var failures = new List<string>();
        foreach (var (file, type) in expectedTypes)
        {
            var path = Path.Combine(root, file);
            var result = await ProcessAsync(path);
            Assert.True(result.Format == DocumentFormat.Ubl && result.Status != ResultStatus.Rejected, $"{file}: {Describe(result)}");
            Assert.Equal(type, result.DocumentType);

            var x = new XPath(path, ("cbc", "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"), ("cac", "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"));
            var number = type == DocumentType.CustomsDeclaration ? FieldNames.DeclarationNumber : FieldNames.DocumentNumber;
            Expect(failures, file, result.Fields, number, x.Text("/*/cbc:ID"));
            Expect(failures, file, result.Fields, FieldNames.IssueDate, x.Text("/*/cbc:IssueDate"));
            Expect(failures, file, result.Fields, FieldNames.SellerName, x.Text("(/*/cac:ConsignorParty | /*//cac:ConsignorParty)[1]/cac:PartyName/cbc:Name"));
            Expect(failures, file, result.Fields, FieldNames.BuyerName, x.Text("(/*/cac:ConsigneeParty | /*//cac:ConsigneeParty)[1]/cac:PartyName/cbc:Name"));

            var items = x.Nodes("//cac:GoodsItem[not(ancestor::cac:GoodsItem)]");
            Assert.True(items.Count == result.Lines.Count, $"{file}: {items.Count} goods items, {result.Lines.Count} lines");
            for (var i = 0; i < items.Count; i++)
            {
                var where = $"{file} item {i + 1}";
                var l = result.Lines[i];
                var code = x.Text("cac:Item/cac:CommodityClassification/cbc:CommodityCode", items[i])
                    ?? x.Text("cac:Item/cac:CommodityClassification/cbc:ItemClassificationCode", items[i])
                    ?? (items.Count == 1 ? x.Text("//cac:Consignment/cbc:TariffCode") : null);
                Expect(failures, where, l, FieldNames.HsCode, code);
                Expect(failures, where, l, FieldNames.CustomsValue, x.Number("cbc:DeclaredCustomsValueAmount", items[i]));
                Expect(failures, where, l, FieldNames.StatisticalValue, x.Number("cbc:DeclaredStatisticsValueAmount", items[i]));
                Expect(failures, where, l, FieldNames.OriginCountry, x.Text("cac:Item/cac:OriginCountry/cbc:IdentificationCode", items[i]));
                Expect(failures, where, l, FieldNames.CustomsProcedure, x.Text("cbc:CustomsProcedureCode", items[i]));
            }
        }
        AssertNoFailures(failures, expectedTypes.Count, 5, "OASIS customs and transport examples");
    }

    [SkippableFact]
    public async Task HmrcCdsDeclarations_CommodityCodesValuesOriginsAndProceduresEqualTheXml()
    {
        var root = TestPaths.RequireCorpus(Cds);
        var failures = new List<string>();
        int declarations = 0, items = 0, malformed = 0;
        foreach (var path in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Where(p => p.EndsWith(".xml", StringComparison.OrdinalIgnoreCase)).Order(StringComparer.Ordinal))
        {
            var name = Path.GetRelativePath(root, path);
            XPath x;
            try
            {
                x = new XPath(path, ("d", DecNs));
            }
            catch (XmlException ex)
            {
                // Three annotated samples are not well-formed XML (a stray "->" or "-" in text): they must be rejected, saying where.
                var bad = await ProcessAsync(path);
                if (bad.Format is not (DocumentFormat.WcoDeclaration or DocumentFormat.Unknown)) continue;
                var finding = Assert.Single(bad.Findings);
                Assert.True(finding.Rule == InputCodes.MalformedXml && finding.Message.Contains($"line {ex.LineNumber}", StringComparison.Ordinal), $"{name}: {finding.Rule} {finding.Message}");
                malformed++;
                continue;
            }
            var declaration = x.Nodes("/d:Declaration | /*/d:Declaration").FirstOrDefault();
            if (declaration is null) continue;

            var result = await ProcessAsync(path);
            Assert.True(result.Format == DocumentFormat.WcoDeclaration, $"{name}: {Describe(result)}");
            Assert.Equal(DocumentType.CustomsDeclaration, result.DocumentType);
            Assert.DoesNotContain(result.Findings, f => f.Rule.StartsWith("INPUT-", StringComparison.Ordinal));
            Expect(failures, name, result.Fields, FieldNames.DeclarationType, x.Text("d:TypeCode", declaration));
            Expect(failures, name, result.Fields, FieldNames.DeclarationNumber, x.Text("d:ID", declaration) ?? x.Text("d:FunctionalReferenceID", declaration));

            var goods = x.Nodes("d:GoodsShipment/d:GovernmentAgencyGoodsItem", declaration);
            if (goods.Count != result.Lines.Count)
            {
                failures.Add($"{name}: {goods.Count} goods items, {result.Lines.Count} lines");
                continue;
            }
            for (var i = 0; i < goods.Count; i++)
            {
                var where = $"{name} item {i + 1}";
                var g = goods[i];
                var l = result.Lines[i];
                var cn = x.Text("d:Commodity/d:Classification[d:IdentificationTypeCode='TSP']/d:ID", g);
                var taric = x.Text("d:Commodity/d:Classification[d:IdentificationTypeCode='TRC']/d:ID", g);
                Expect(failures, where, l, FieldNames.HsCode, cn is null ? null : cn.Length == 8 && taric is not null ? cn + taric : cn);
                Expect(failures, where, l, FieldNames.Amount, x.Number("d:Commodity/d:InvoiceLine/d:ItemChargeAmount", g));
                Expect(failures, where, l, FieldNames.CustomsValue, x.Number("d:CustomsValueAmount", g));
                Expect(failures, where, l, FieldNames.StatisticalValue, x.Number("d:StatisticalValueAmount", g));
                Expect(failures, where, l, FieldNames.OriginCountry, x.Text("d:Origin[d:TypeCode='1']/d:CountryCode", g) ?? x.Text("d:Origin[not(d:TypeCode='2')]/d:CountryCode", g));
                Expect(failures, where, l, FieldNames.PreferentialOriginCountry, x.Text("d:Origin[d:TypeCode='2']/d:CountryCode", g));
                Expect(failures, where, l, FieldNames.Preference, x.Text("d:Commodity/d:DutyTaxFee/d:DutyRegimeCode", g));
                var procedure = x.Nodes("d:GovernmentProcedure[string-length(normalize-space(d:CurrentCode))=2]", g).FirstOrDefault();
                Expect(failures, where, l, FieldNames.CustomsProcedure, procedure is null ? null : x.Text("d:CurrentCode", procedure) + x.Text("d:PreviousCode", procedure));
                Expect(failures, where, l, FieldNames.NetWeightKg, x.Number("d:Commodity/d:GoodsMeasure/d:NetNetWeightMeasure", g));
                Expect(failures, where, l, FieldNames.GrossWeightKg, x.Number("d:Commodity/d:GoodsMeasure/d:GrossMassMeasure", g));
                items++;
            }
            declarations++;
        }
        AssertNoFailures(failures, declarations, 180, "WCO declarations");
        Assert.True(items >= 190, $"only {items} goods items compared");
        Assert.Equal(3, malformed);
    }
}
