using CustomsFn.Core.Contract;
using CustomsFn.Core.Model;
using static CustomsFn.Tests.Structured.Structured;

namespace CustomsFn.Tests.Structured;

/// <summary>Issue 3 acceptance: every EN 16931 EDIFACT INVOIC example agrees with its XML twin (the same message as EDIFACT-in-XML, read here with XPath).</summary>
public sealed class EdifactCorpusTests
{
    private const string Examples = "einvoice/en16931-connectingeurope/edifact/examples";

    [SkippableFact]
    public async Task En16931EdifactExamples_AgreeWithTheirXmlTwins()
    {
        var root = TestPaths.RequireCorpus(Examples);
        var failures = new List<string>();
        var compared = 0;
        foreach (var txt in Directory.GetFiles(root, "*.TXT").Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(txt);
            var result = await ProcessAsync(txt);
            Assert.True(result.Format == DocumentFormat.Edifact && result.Status != ResultStatus.Rejected, $"{name}: {Describe(result)}");
            Assert.Equal(DocumentType.CommercialInvoice, result.DocumentType);
            var twin = Path.ChangeExtension(txt, ".xml");
            if (!File.Exists(twin))
            {
                // EXAMPLE0 and 0a have no twin: still read in full, with sources that name segments.
                Assert.NotEmpty(result.Lines);
                Assert.Matches(@"^segment\[\d+\]/BGM$", result.Fields[FieldNames.InvoiceNumber].Source!.Path);
                continue;
            }

            var x = new XPath(twin);
            var f = result.Fields;
            Expect(failures, name, f, FieldNames.InvoiceNumber, x.Text("/M_INVOIC/S_BGM/C_C106/D_1004"));
            var date = x.Text("/M_INVOIC/S_DTM/C_C507[D_2005='137']/D_2380")!;
            Expect(failures, name, f, FieldNames.IssueDate, $"{date[..4]}-{date[4..6]}-{date[6..8]}");
            Expect(failures, name, f, FieldNames.Currency, x.Text("/M_INVOIC/G_SG7/S_CUX/C_C504[D_6347='2']/D_6345"));
            foreach (var (qualifier, nameField, countryField) in new[] { ("SE", FieldNames.SellerName, FieldNames.SellerCountry), ("BY", FieldNames.BuyerName, FieldNames.BuyerCountry) })
            {
                var nad = $"/M_INVOIC/G_SG2[S_NAD/D_3035='{qualifier}']/S_NAD";
                Expect(failures, name, f, nameField, x.Text(nad + "/C_C080/D_3036[1]") ?? x.Text(nad + "/C_C058/D_3124[1]"));
                Expect(failures, name, f, countryField, x.Text(nad + "/D_3207"));
            }
            foreach (var (qualifier, field) in new[] { ("79", FieldNames.LineTotal), ("389", FieldNames.TaxExclusiveAmount), ("388", FieldNames.TotalAmount), ("260", FieldNames.AllowanceTotalAmount), ("259", FieldNames.ChargeTotalAmount) })
                Expect(failures, name, f, field, x.Number($"/M_INVOIC/G_SG52/S_MOA/C_C516[D_5025='{qualifier}']/D_5004"));
            // Tax total: MOA+176, else (as documented) the sum of the tax breakdown's MOA+124 amounts.
            var breakdown = x.Nodes("/M_INVOIC/G_SG54/S_MOA/C_C516[D_5025='124']/D_5004").Select(n => decimal.Parse(n.InnerText, System.Globalization.CultureInfo.InvariantCulture)).ToList();
            Expect(failures, name, f, FieldNames.TaxAmount, x.Number("/M_INVOIC/G_SG52/S_MOA/C_C516[D_5025='176']/D_5004") ?? (breakdown.Count > 0 ? breakdown.Sum() : null));

            var lines = x.Nodes("/M_INVOIC/G_SG27");
            if (lines.Count != result.Lines.Count)
            {
                failures.Add($"{name}: {lines.Count} LIN groups in the twin, {result.Lines.Count} lines read");
                continue;
            }
            for (var i = 0; i < lines.Count; i++)
            {
                var where = $"{name} line {i + 1}";
                var l = result.Lines[i];
                var description = string.Concat(x.Nodes("S_IMD[1]/C_C273/D_7008", lines[i]).Select(n => n.InnerText));
                Expect(failures, where, l, FieldNames.Description, description.Trim().Length == 0 ? null : description.Trim());
                Expect(failures, where, l, FieldNames.Quantity, x.Number("S_QTY/C_C186[D_6063='47']/D_6060", lines[i]));
                Expect(failures, where, l, FieldNames.UnitCode, x.Text("S_QTY/C_C186[D_6063='47']/D_6411", lines[i]));
                Expect(failures, where, l, FieldNames.Amount, x.Number("G_SG28/S_MOA/C_C516[D_5025='203']/D_5004", lines[i]));
                Expect(failures, where, l, FieldNames.UnitPrice, x.Number("G_SG30/S_PRI/C_C509[D_5125='AAA']/D_5118", lines[i]));
                Expect(failures, where, l, FieldNames.OriginCountry, x.Text("S_ALI/D_3239", lines[i]));
                Expect(failures, where, l, FieldNames.HsCode, x.Text("S_PIA/C_C212[D_7143='HS']/D_7140", lines[i]));
            }
            compared++;
        }
        AssertNoFailures(failures, compared, 9, "EDIFACT examples with XML twins");
    }
}
