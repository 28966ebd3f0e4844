using System.Globalization;
using System.Xml;
using CustomsFn.Cli;
using Newtonsoft.Json.Linq;

namespace CustomsFn.Tests;

/// <summary>
/// Issue 2 acceptance: `customs process` over the official EN 16931 UBL examples writes one result per file, each valid
/// against the schema, with the key fields equal to the values read here independently with XPath.
/// </summary>
public sealed class CorpusUblTests
{
    private const string ExamplesFolder = "einvoice/en16931-connectingeurope/ubl/examples";
    private const string Cbc = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2";
    private const string Cac = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2";

    [SkippableFact]
    public async Task ProcessCommand_OnEn16931UblExamples_MatchesTheXml()
    {
        var examples = TestPaths.RequireCorpus(ExamplesFolder);
        var outDir = Directory.CreateTempSubdirectory("customsfn-ubl-").FullName;
        try
        {
            var console = new Spectre.Console.Testing.TestConsole();
            var exit = await CliApp.RunAsync(["process", examples, "--out", outDir], console);
            Assert.Equal(0, exit);

            var inputs = Directory.GetFiles(examples).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
            var outputs = Directory.GetFiles(outDir, "*.result.json").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
            Assert.Equal(inputs.Select(i => i + ".result.json"), outputs);

            var checkedInvoices = 0;
            foreach (var input in inputs)
            {
                var json = await File.ReadAllTextAsync(Path.Combine(outDir, input + ".result.json"));
                Schemas.AssertValid(Schemas.Result, json, input!);
                var result = JObject.Parse(json);

                var xml = new XmlDocument { XmlResolver = null };
                xml.Load(Path.Combine(examples, input!));
                var root = xml.DocumentElement!;
                if (!root.NamespaceURI.StartsWith("urn:oasis:names:specification:ubl:schema:xsd:", StringComparison.Ordinal) ||
                    root.LocalName is not ("Invoice" or "CreditNote")) continue;
                var ns = new XmlNamespaceManager(xml.NameTable);
                ns.AddNamespace("cbc", Cbc);
                ns.AddNamespace("cac", Cac);

                string? X(string xpath) => root.SelectSingleNode(xpath, ns)?.InnerText.Trim();
                void Eq(string field, string? expected)
                {
                    var actual = (string?)result["fields"]?[field]?["value"];
                    Assert.True(expected == actual, $"{input}: {field} expected '{expected}' got '{actual}'");
                }

                Eq("invoiceNumber", X("cbc:ID"));
                Eq("issueDate", X("cbc:IssueDate"));
                Eq("currency", X("cbc:DocumentCurrencyCode"));
                Eq("sellerName", X("cac:AccountingSupplierParty/cac:Party/cac:PartyLegalEntity/cbc:RegistrationName") ?? X("cac:AccountingSupplierParty/cac:Party/cac:PartyName/cbc:Name"));
                Eq("buyerName", X("cac:AccountingCustomerParty/cac:Party/cac:PartyLegalEntity/cbc:RegistrationName") ?? X("cac:AccountingCustomerParty/cac:Party/cac:PartyName/cbc:Name"));
                var total = X("cac:LegalMonetaryTotal/cbc:TaxInclusiveAmount");
                var actualTotal = result["fields"]?["totalAmount"]?["value"]?.Value<decimal>();
                Assert.Equal(total is null ? null : decimal.Parse(total, CultureInfo.InvariantCulture), actualTotal);
                var lineName = root.LocalName == "Invoice" ? "cac:InvoiceLine" : "cac:CreditNoteLine";
                Assert.Equal(root.SelectNodes(lineName, ns)!.Count, ((JArray)result["lines"]!).Count);
                checkedInvoices++;
            }
            Assert.True(checkedInvoices >= 17, $"only {checkedInvoices} UBL invoices were compared");
        }
        finally
        {
            Directory.Delete(outDir, recursive: true);
        }
    }
}
