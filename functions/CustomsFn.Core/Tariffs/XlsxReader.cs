using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;

namespace CustomsFn.Core.Tariffs;

/// <summary>
/// Reads the cell values of one worksheet of an Office Open XML workbook (.xlsx): a ZIP of XML parts. Only what the tariff
/// importer needs: shared strings, inline strings, numbers and booleans as written (no formulas evaluated, no styles, so a
/// date is its serial number). Every part is read with DTDs prohibited and no resolver, and each part's size is bounded.
/// </summary>
public static class XlsxReader
{
    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string OfficeRelationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    /// <summary>The largest uncompressed part read (the 2022 UK nomenclature's data sheet is 14 MB).</summary>
    public const long MaxPartBytes = 256L * 1024 * 1024;

    /// <summary>The names of the worksheets, in workbook order.</summary>
    public static IReadOnlyList<string> SheetNames(string path)
    {
        using var zip = ZipFile.OpenRead(path);
        return Sheets(zip).Select(s => s.Name).ToList();
    }

    /// <summary>
    /// The rows of the sheet named <paramref name="sheet"/> (the first sheet when null), each as its cells from column A to
    /// the last non-empty one ("" for a missing cell). Rows missing from the sheet are skipped.
    /// </summary>
    public static List<string[]> ReadSheet(string path, string? sheet = null)
    {
        using var zip = ZipFile.OpenRead(path);
        var sheets = Sheets(zip);
        var target = sheet is null ? sheets.FirstOrDefault() : sheets.FirstOrDefault(s => s.Name == sheet);
        if (target.Part is null)
            throw new InvalidDataException($"The workbook has no sheet '{sheet}' (sheets: {string.Join(", ", sheets.Select(s => s.Name))}).");
        var strings = zip.GetEntry("xl/sharedStrings.xml") is { } sst ? SharedStrings(sst) : [];
        var entry = zip.GetEntry(target.Part) ?? throw new InvalidDataException($"The workbook's sheet part {target.Part} is missing.");
        return Rows(entry, strings);
    }

    private static List<(string Name, string Part)> Sheets(ZipArchive zip)
    {
        var rels = new Dictionary<string, string>(StringComparer.Ordinal);
        using (var r = Open(zip, "xl/_rels/workbook.xml.rels"))
        {
            while (r.Read())
            {
                if (r.NodeType == XmlNodeType.Element && r.LocalName == "Relationship" && r.GetAttribute("Id") is { } id && r.GetAttribute("Target") is { } t)
                    rels[id] = t.StartsWith('/') ? t[1..] : "xl/" + t;
            }
        }
        var sheets = new List<(string, string)>();
        using (var r = Open(zip, "xl/workbook.xml"))
        {
            while (r.Read())
            {
                if (r.NodeType == XmlNodeType.Element && r.LocalName == "sheet" && r.NamespaceURI == Main
                    && r.GetAttribute("name") is { } name && r.GetAttribute("id", OfficeRelationships) is { } rid && rels.TryGetValue(rid, out var part))
                    sheets.Add((name, part));
            }
        }
        return sheets;
    }

    private static List<string> SharedStrings(ZipArchiveEntry entry)
    {
        var list = new List<string>();
        using var r = Open(entry);
        r.MoveToContent();
        while (!r.EOF)
        {
            if (r.NodeType == XmlNodeType.Element && r.LocalName == "si")
            {
                // Text runs (<r><t>) concatenate; phonetic runs (<rPh>) are not part of the value.
                var sb = new StringBuilder();
                using (var si = r.ReadSubtree())
                {
                    si.Read();
                    si.Read();
                    while (!si.EOF)
                    {
                        if (si.NodeType == XmlNodeType.Element && si.LocalName == "rPh") si.Skip();
                        else if (si.NodeType == XmlNodeType.Element && si.LocalName == "t") sb.Append(si.ReadElementContentAsString());
                        else si.Read();
                    }
                }
                list.Add(sb.ToString());
            }
            r.Read();
        }
        return list;
    }

    private static List<string[]> Rows(ZipArchiveEntry entry, List<string> strings)
    {
        var rows = new List<string[]>();
        using var r = Open(entry);
        var cells = new List<string>();
        var inRow = false;
        while (r.Read())
        {
            if (r.NodeType == XmlNodeType.Element && r.LocalName == "row")
            {
                cells.Clear();
                inRow = !r.IsEmptyElement;
                if (!inRow) rows.Add([]);
            }
            else if (r.NodeType == XmlNodeType.EndElement && r.LocalName == "row")
            {
                rows.Add(TrimEnd(cells));
                inRow = false;
            }
            else if (inRow && r.NodeType == XmlNodeType.Element && r.LocalName == "c")
            {
                var column = r.GetAttribute("r") is { } reference ? ColumnIndex(reference) : cells.Count;
                var value = Cell(r, r.GetAttribute("t"), strings);
                while (cells.Count < column) cells.Add("");
                if (cells.Count == column) cells.Add(value); else cells[column] = value;
            }
        }
        return rows;
    }

    /// <summary>The value of the cell the reader is on (an element <c>c</c>), leaving the reader on its end.</summary>
    private static string Cell(XmlReader r, string? type, List<string> strings)
    {
        if (r.IsEmptyElement) return "";
        string? v = null, inline = null;
        using (var cell = r.ReadSubtree())
        {
            cell.Read();
            cell.Read();
            while (!cell.EOF)
            {
                if (cell.NodeType == XmlNodeType.Element && cell.LocalName == "v") v = cell.ReadElementContentAsString();
                else if (cell.NodeType == XmlNodeType.Element && cell.LocalName == "t") inline = (inline ?? "") + cell.ReadElementContentAsString();
                else cell.Read();
            }
        }
        return type switch
        {
            "s" => int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i >= 0 && i < strings.Count
                ? strings[i] : throw new InvalidDataException($"A cell refers to shared string '{v}', which the workbook does not have."),
            "inlineStr" => inline ?? "",
            _ => v ?? inline ?? "",
        };
    }

    /// <summary>The zero-based column of a cell reference ("A1" is 0, "AB7" is 27).</summary>
    public static int ColumnIndex(string reference)
    {
        var n = 0;
        foreach (var ch in reference)
        {
            if (ch is < 'A' or > 'Z') break;
            n = n * 26 + (ch - 'A' + 1);
            if (n > 16384) throw new InvalidDataException($"The cell reference '{reference}' is beyond the last column.");
        }
        if (n == 0) throw new InvalidDataException($"The cell reference '{reference}' has no column.");
        return n - 1;
    }

    private static string[] TrimEnd(List<string> cells)
    {
        var n = cells.Count;
        while (n > 0 && cells[n - 1].Length == 0) n--;
        return cells.Take(n).ToArray();
    }

    private static XmlReader Open(ZipArchive zip, string name) =>
        Open(zip.GetEntry(name) ?? throw new InvalidDataException($"The workbook has no part {name} (not an .xlsx file?)."));

    private static XmlReader Open(ZipArchiveEntry entry)
    {
        if (entry.Length > MaxPartBytes)
            throw new InvalidDataException($"The workbook part {entry.FullName} is {entry.Length} bytes uncompressed, over the {MaxPartBytes}-byte limit.");
        return XmlReader.Create(entry.Open(), new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            IgnoreWhitespace = false,
            CloseInput = true,
            MaxCharactersInDocument = MaxPartBytes,
        });
    }
}
