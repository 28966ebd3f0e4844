using System.Globalization;
using System.Text;
using System.Xml.Linq;
using CustomsFn.Core.Conformance;

namespace CustomsFn.Bench;

/// <summary>
/// The EN 16931 business rules alone (the UBL rule set, every assertion) over parsed UBL invoices of 10 and 10,000 lines that
/// pass every rule (so every assertion is evaluated to the end), vs the floor every validation pays: one walk over the same
/// elements. Reported under <c>--only xml</c> as <c>xml-en16931-10</c> and <c>xml-en16931-10000</c>; <c>xml-en16931-peppol-10</c>
/// is the same 10-line invoice declaring Peppol BIS Billing 3, through what the pipeline runs on it: the EN 16931 rules and the
/// Peppol CIUS layer.
/// </summary>
internal static class EInvoiceRulesWorkload
{
    public static async Task<WorkloadResult> RunAsync(int lines, double? microsecondsPerLineAt10, int rounds, bool quick, CancellationToken ct, bool peppol = false)
    {
        var validator = ConformanceValidator.Default;
        var ruleSet = validator.RuleSetFor(Invoice(1).Root!)!;
        // About 20,000 lines per pass whatever the size, timed in groups of ~1,000 lines (one reading per group).
        var documents = Enumerable.Range(0, Math.Max(1, (quick ? 5_000 : 20_000) / lines)).Select(_ => Invoice(lines, peppol)).ToList();
        var perGroup = Math.Max(1, 1_000 / lines);
        var groups = documents.Chunk(perGroup).ToList();
        var check = peppol ? validator.Validate(documents[0], ct)! : ConformanceValidator.Validate(documents[0].Root!, ruleSet, ct);
        if (check.Findings.Count != 0)
            throw new InvalidOperationException("The bench invoice fails " + string.Join(", ", check.Findings.Select(f => f.RuleId)) + "; it must pass every rule.");
        if (peppol && check.Applied.Count != 2)
            throw new InvalidOperationException("The Peppol bench invoice did not select the Peppol rule set: " + check.Label);
        long elements = 0;
        var o = await SideBySide.RunAsync(groups, g => g.Length, rounds, warmUp: true,
            (g, c) =>
            {
                foreach (var d in g) _ = peppol ? validator.Validate(d, c) : ConformanceValidator.Validate(d.Root!, ruleSet, c);
                return Task.CompletedTask;
            },
            (g, _) =>
            {
                foreach (var d in g)
                    foreach (var e in d.Root!.DescendantsAndSelf()) elements += e.Name.LocalName.Length;
                return Task.CompletedTask;
            }, ct).ConfigureAwait(false);

        var docsPerCpuSecond = o.Pipeline.CpuSeconds > 0 ? o.Pipeline.Units / o.Pipeline.CpuSeconds : o.Pipeline.Units / o.Pipeline.TotalSeconds;
        var msPerDocument = 1000 / docsPerCpuSecond;
        var perLineUs = msPerDocument * 1000 / lines;
        var extra = new Dictionary<string, double>
        {
            ["millisecondsPerDocumentCpu"] = msPerDocument, ["microsecondsPerLine"] = perLineUs, ["lines"] = lines,
            ["assertions"] = check.AssertionCount, ["elementsWalkedByFloor"] = elements,
        };
        var targets = new List<TargetCheck>();
        if (lines == 10)
            targets.Add(new TargetCheck(peppol ? "10-line Peppol e-invoice through the EN 16931 and Peppol BIS 3 rules, ms of CPU per document <= 1" : "10-line e-invoice through all EN 16931 rules, ms of CPU per document <= 1", 1, msPerDocument, msPerDocument <= 1));
        if (microsecondsPerLineAt10 is { } baseLine)
        {
            var growth = perLineUs / baseLine;
            extra["perLineCostVs10Lines"] = growth;
            targets.Add(new TargetCheck("cost per line within 1.5x of the 10-line invoices' (linear)", 1.5, growth, growth <= 1.5));
        }
        return CoreWorkloads.Result($"xml-en16931-{(peppol ? "peppol-" : "")}{lines.ToString(CultureInfo.InvariantCulture)}",
            $"EN 16931{(peppol ? " + Peppol BIS 3" : "")} rules, {lines.ToString("N0", CultureInfo.InvariantCulture)}-line UBL invoices", "documents", documents.Count, rounds, o,
            $"{check.Label} ({check.AssertionCount} assertions) on the parsed invoice", "one walk over the same elements", targets, extra,
            note: "One thread; parsed XDocument in, findings out; per CPU-s: this process's CPU time. Latency columns are per group of " + perGroup.ToString(CultureInfo.InvariantCulture) + " invoices.");
    }

    /// <summary>A UBL invoice with standard-rated lines, an allowance and a charge, valid under every EN 16931 rule.</summary>
    internal static XDocument Invoice(int lines, bool peppol = false)
    {
        var sb = new StringBuilder();
        decimal lineTotal = 0;
        for (var i = 1; i <= lines; i++)
        {
            var quantity = 1 + (i % 7);
            var price = 10m + (i % 13);
            var amount = quantity * price;
            lineTotal += amount;
            sb.Append(CultureInfo.InvariantCulture, $"""
                <cac:InvoiceLine><cbc:ID>{i}</cbc:ID><cbc:InvoicedQuantity unitCode="C62">{quantity}</cbc:InvoicedQuantity><cbc:LineExtensionAmount currencyID="EUR">{amount:0.00}</cbc:LineExtensionAmount>
                <cac:Item><cbc:Name>Item {i}</cbc:Name><cac:SellersItemIdentification><cbc:ID>SKU-{i}</cbc:ID></cac:SellersItemIdentification>
                <cac:CommodityClassification><cbc:ItemClassificationCode listID="HS">84821010</cbc:ItemClassificationCode></cac:CommodityClassification>
                <cac:ClassifiedTaxCategory><cbc:ID>S</cbc:ID><cbc:Percent>19</cbc:Percent><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:ClassifiedTaxCategory></cac:Item>
                <cac:Price><cbc:PriceAmount currencyID="EUR">{price:0.00}</cbc:PriceAmount></cac:Price></cac:InvoiceLine>
                """);
        }
        const decimal allowance = 5m, charge = 10m;
        var taxable = lineTotal - allowance + charge;
        var tax = Math.Round(taxable * 0.19m, 2, MidpointRounding.AwayFromZero);
        var xml = string.Create(CultureInfo.InvariantCulture, $"""
            <Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2" xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2" xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
            {(peppol ? "<cbc:CustomizationID>urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0</cbc:CustomizationID><cbc:ProfileID>urn:fdc:peppol.eu:2017:poacc:billing:01:1.0</cbc:ProfileID>" : "<cbc:CustomizationID>urn:cen.eu:en16931:2017</cbc:CustomizationID>")}<cbc:ID>BENCH-{lines}</cbc:ID><cbc:IssueDate>2026-05-01</cbc:IssueDate><cbc:DueDate>2026-05-31</cbc:DueDate>
            <cbc:InvoiceTypeCode>380</cbc:InvoiceTypeCode><cbc:DocumentCurrencyCode>EUR</cbc:DocumentCurrencyCode><cbc:BuyerReference>PO-1</cbc:BuyerReference>
            <cac:AccountingSupplierParty><cac:Party><cbc:EndpointID schemeID="9930">DE123456789</cbc:EndpointID><cac:PostalAddress><cbc:StreetName>Hauptstr. 1</cbc:StreetName><cbc:CityName>Berlin</cbc:CityName><cbc:PostalZone>10115</cbc:PostalZone><cac:Country><cbc:IdentificationCode>DE</cbc:IdentificationCode></cac:Country></cac:PostalAddress>
            <cac:PartyTaxScheme><cbc:CompanyID>DE123456789</cbc:CompanyID><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme><cac:PartyLegalEntity><cbc:RegistrationName>Bench Seller GmbH</cbc:RegistrationName></cac:PartyLegalEntity></cac:Party></cac:AccountingSupplierParty>
            <cac:AccountingCustomerParty><cac:Party><cbc:EndpointID schemeID="9930">DE987654321</cbc:EndpointID><cac:PostalAddress><cbc:CityName>Hamburg</cbc:CityName><cac:Country><cbc:IdentificationCode>DE</cbc:IdentificationCode></cac:Country></cac:PostalAddress>
            <cac:PartyLegalEntity><cbc:RegistrationName>Bench Buyer AG</cbc:RegistrationName></cac:PartyLegalEntity></cac:Party></cac:AccountingCustomerParty>
            <cac:PaymentMeans><cbc:PaymentMeansCode>58</cbc:PaymentMeansCode><cac:PayeeFinancialAccount><cbc:ID>DE89370400440532013000</cbc:ID></cac:PayeeFinancialAccount></cac:PaymentMeans>
            <cac:AllowanceCharge><cbc:ChargeIndicator>false</cbc:ChargeIndicator><cbc:AllowanceChargeReasonCode>95</cbc:AllowanceChargeReasonCode><cbc:Amount currencyID="EUR">{allowance:0.00}</cbc:Amount><cac:TaxCategory><cbc:ID>S</cbc:ID><cbc:Percent>19</cbc:Percent><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:TaxCategory></cac:AllowanceCharge>
            <cac:AllowanceCharge><cbc:ChargeIndicator>true</cbc:ChargeIndicator><cbc:AllowanceChargeReasonCode>FC</cbc:AllowanceChargeReasonCode><cbc:Amount currencyID="EUR">{charge:0.00}</cbc:Amount><cac:TaxCategory><cbc:ID>S</cbc:ID><cbc:Percent>19</cbc:Percent><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:TaxCategory></cac:AllowanceCharge>
            <cac:TaxTotal><cbc:TaxAmount currencyID="EUR">{tax:0.00}</cbc:TaxAmount><cac:TaxSubtotal><cbc:TaxableAmount currencyID="EUR">{taxable:0.00}</cbc:TaxableAmount><cbc:TaxAmount currencyID="EUR">{tax:0.00}</cbc:TaxAmount><cac:TaxCategory><cbc:ID>S</cbc:ID><cbc:Percent>19</cbc:Percent><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:TaxCategory></cac:TaxSubtotal></cac:TaxTotal>
            <cac:LegalMonetaryTotal><cbc:LineExtensionAmount currencyID="EUR">{lineTotal:0.00}</cbc:LineExtensionAmount><cbc:TaxExclusiveAmount currencyID="EUR">{taxable:0.00}</cbc:TaxExclusiveAmount><cbc:TaxInclusiveAmount currencyID="EUR">{taxable + tax:0.00}</cbc:TaxInclusiveAmount><cbc:AllowanceTotalAmount currencyID="EUR">{allowance:0.00}</cbc:AllowanceTotalAmount><cbc:ChargeTotalAmount currencyID="EUR">{charge:0.00}</cbc:ChargeTotalAmount><cbc:PayableAmount currencyID="EUR">{taxable + tax:0.00}</cbc:PayableAmount></cac:LegalMonetaryTotal>
            {sb}
            </Invoice>
            """);
        return XDocument.Parse(xml);
    }
}
