using System.IO.Compression;
using System.Text;
using System.Xml;
using CustomsFn.Core.Tariffs;

namespace CustomsFn.Tests.Tariffs;

/// <summary>The small .xlsx reader the tariff importer uses: shared, rich, inline and numeric cells, gaps, sheet names, no DTDs.</summary>
public sealed class XlsxReaderTests : IDisposable
{
    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "customsfn-xlsx-" + Guid.NewGuid().ToString("N"));

    public XlsxReaderTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, true);

    private string Workbook(string sheet2Rows, string? sharedStrings = null)
    {
        var path = Path.Combine(_dir, Guid.NewGuid().ToString("N") + ".xlsx");
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        void Part(string name, string xml)
        {
            using var w = new StreamWriter(zip.CreateEntry(name).Open(), new UTF8Encoding(false));
            w.Write(xml);
        }
        Part("xl/workbook.xml", $"""<workbook xmlns="{Main}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="legislation" sheetId="1" r:id="rId1"/><sheet name="data" sheetId="2" r:id="rId2"/></sheets></workbook>""");
        Part("xl/_rels/workbook.xml.rels", """<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Target="worksheets/sheet2.xml"/></Relationships>""");
        Part("xl/sharedStrings.xml", sharedStrings ?? $"""<sst xmlns="{Main}"><si><t>Commodity code</t></si><si><r><t>Live </t></r><r><t>horses</t></r><rPh><t>x</t></rPh></si><si><t>0101210000</t></si></sst>""");
        Part("xl/worksheets/sheet1.xml", $"""<worksheet xmlns="{Main}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>first sheet</t></is></c></row></sheetData></worksheet>""");
        Part("xl/worksheets/sheet2.xml", $"""<worksheet xmlns="{Main}"><sheetData>{sheet2Rows}</sheetData></worksheet>""");
        return path;
    }

    [Fact]
    public void ReadsSharedRichInlineAndNumericCells_InColumnPlaces()
    {
        var path = Workbook("""
            <row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1" t="inlineStr"><is><t>Start date</t></is></c></row>
            <row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2" t="s"><v>1</v></c><c r="C2"><v>44562</v></c><c r="D2" t="b"><v>1</v></c></row>
            <row r="3"/>
            """);
        Assert.Equal(["legislation", "data"], XlsxReader.SheetNames(path));
        var rows = XlsxReader.ReadSheet(path, "data");
        Assert.Equal(3, rows.Count);
        Assert.Equal(["Commodity code", "", "Start date"], rows[0]); // B1 missing: an empty cell in its place
        Assert.Equal(["0101210000", "Live horses", "44562", "1"], rows[1]); // rich text runs joined, phonetic run left out
        Assert.Empty(rows[2]);
        Assert.Equal(["first sheet"], Assert.Single(XlsxReader.ReadSheet(path)));
    }

    [Fact]
    public void UnknownSheet_OrMissingSharedString_IsAClearError()
    {
        var path = Workbook("""<row r="1"><c r="A1" t="s"><v>9</v></c></row>""");
        Assert.Contains("no sheet 'rates'", Assert.Throws<InvalidDataException>(() => XlsxReader.ReadSheet(path, "rates")).Message, StringComparison.Ordinal);
        Assert.Contains("shared string '9'", Assert.Throws<InvalidDataException>(() => XlsxReader.ReadSheet(path, "data")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PartWithADtd_IsRefused()
    {
        var path = Workbook("", $"""<!DOCTYPE sst [<!ENTITY x "boom">]><sst xmlns="{Main}"><si><t>&x;</t></si></sst>""");
        Assert.Throws<XmlException>(() => XlsxReader.ReadSheet(path, "data"));
    }

    [Theory]
    [InlineData("A1", 0)]
    [InlineData("Z9", 25)]
    [InlineData("AB7", 27)]
    public void ColumnIndex_ReadsTheLetters(string reference, int expected) => Assert.Equal(expected, XlsxReader.ColumnIndex(reference));

    [SkippableFact]
    public void Uk2022Nomenclature_DataSheet_HasTheCodes()
    {
        var file = TestPaths.RequireCorpus(TariffImporter.UkNomenclature2022File);
        var rows = XlsxReader.ReadSheet(file, "data");
        Assert.Equal("Commodity code", rows[0][1]);
        Assert.Contains(rows, r => r.Length > 1 && r[1] == "8543400000"); // electronic cigarettes, new in HS 2022
    }
}
