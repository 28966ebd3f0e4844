namespace CustomsFn.EvalSetGenerator;

/// <summary>Draws with no output but measures like the real canvas: the first pass that counts pages.</summary>
internal sealed class MeasureOnlyCanvas(IPageCanvas inner) : IPageCanvas
{
    public void Text(double x, double y, string text, double size, bool bold = false, Align align = Align.Left) { }
    public void Line(double x0, double y0, double x1, double y1, double width = 0.6) { }
    public void Box(double x, double y, double w, double h, double width = 0.6, byte? fillGray = null) { }
    public double Measure(string text, double size, bool bold = false) => inner.Measure(text, size, bold);
}

internal sealed record Column(string Key, string Header, double Width, Align Align);

/// <summary>
/// The seven layouts of the set, drawn on A4 (595 x 842 pt). Each layout places the same facts differently: label/value
/// pairs beside, above or in cells; parties side by side or stacked; tables with full borders, rules only, or whitespace.
/// </summary>
internal sealed class DocRenderer : IDocumentRenderer
{
    public const double PageWidth = 595, PageHeight = 842;
    private const double Bottom = 790;
    private readonly DocSpec _d;
    private readonly Labels _l;
    private readonly Func<IPageCanvas> _newPage;
    private readonly int _totalPages;
    private IPageCanvas _c = null!;
    public int Pages { get; private set; }

    public DocRenderer(DocSpec d, Func<IPageCanvas> newPage, int totalPages)
    {
        _d = d;
        _l = Labels.For(d.Language);
        _newPage = newPage;
        _totalPages = totalPages;
    }

    /// <summary>The HS code as this layout prints it; the expected value is its digits.</summary>
    public static string HsPrinted(string layout, string hs) => layout switch
    {
        "classic" or "ledger" or "packing" => $"{hs[..4]}.{hs[4..]}",
        "sidebar" or "grid" => $"{hs[..4]}.{hs[4..]}.00",
        _ => hs,
    };

    /// <summary>Whether the layout prints shipment weights and package count on an invoice.</summary>
    public static bool PrintsWeights(DocSpec d) => d.Kind == DocKind.PackingList || d.Layout is "classic" or "banner" or "ledger";

    public static bool PrintsLineOrigin(DocSpec d) => d.Layout is not ("sidebar" or "minimal");

    public static bool PrintsTaxId(DocSpec d) => d.Layout is "classic" or "grid" or "banner";

    public void Render()
    {
        NewPage();
        switch (_d.Layout)
        {
            case "classic": Classic(); break;
            case "banner": Banner(); break;
            case "sidebar": Sidebar(); break;
            case "grid": Grid(); break;
            case "minimal": Minimal(); break;
            case "ledger": Classic(compact: true); break;
            case "packing": Classic(); break;
            default: throw new InvalidOperationException(_d.Layout);
        }
    }

    private void NewPage()
    {
        _c = _newPage();
        Pages++;
        if (_totalPages > 1)
            _c.Text(PageWidth / 2, PageHeight - 36, $"{_l.Page} {Pages} / {_totalPages}", 8, align: Align.Center);
    }

    private string Title => _d.Kind == DocKind.Invoice ? _l.InvoiceTitle : _l.PackingListTitle;
    private string Money(decimal v) => _l.Money(v, _d.Decimals);
    private string Terms => $"{_d.Incoterm} {_d.IncotermPlace}";
    private string Symbol => _d.Currency switch { "JPY" or "CNY" => "¥", _ => _d.Currency + " " };

    private List<(string Label, string Value)> Meta()
    {
        var m = new List<(string, string)> { (_l.InvoiceNo, _d.Number), (_l.Date, _l.FormatDate(_d.Date)) };
        if (_d.Kind == DocKind.Invoice) m.Add((_l.Currency, _d.Currency));
        m.Add((_l.Terms, Terms));
        m.Add((_l.Origin, _l.Country(_d.OriginCountry)));
        m.Add((_l.Destination, _l.Country(_d.DestinationCountry)));
        return m;
    }

    private double PartyBlock(double x, double y, string label, Party p, bool showTaxId, double size = 9)
    {
        _c.Text(x, y, label, size - 1, bold: true);
        y += size + 3;
        _c.Text(x, y, p.Name, size + 1, bold: true);
        y += size + 4;
        foreach (var a in p.AddressLines.Append(_l.Country(p.Country)))
        {
            _c.Text(x, y, a, size);
            y += size + 3;
        }
        if (showTaxId && p.TaxId is not null)
        {
            _c.Text(x, y, $"{_l.TaxId}: {p.TaxId}", size);
            y += size + 3;
        }
        return y;
    }

    private void Classic(bool compact = false)
    {
        var taxId = PrintsTaxId(_d);
        _c.Text(555, 40, Title, compact ? 15 : 18, bold: true, align: Align.Right);
        var y = PartyBlock(40, 70, _l.Seller, _d.Seller, taxId);
        var my = 78.0;
        foreach (var (label, value) in Meta())
        {
            _c.Text(320, my, label + ":", 8.5);
            _c.Text(555, my, value, 8.5, bold: label == _l.InvoiceNo, align: Align.Right);
            my += 13;
        }
        y = Math.Max(y, my) + 10;
        y = PartyBlock(40, y, _l.Buyer, _d.Buyer, false) + 14;
        y = Table(y, 40, 555, border: TableStyle.Full);
        Totals(y + 6, 555, 360);
    }

    private void Banner()
    {
        _c.Text(PageWidth / 2, 36, _d.Seller.Name, 17, bold: true, align: Align.Center);
        var addr = string.Join(", ", _d.Seller.AddressLines.Append(_l.Country(_d.Seller.Country)));
        _c.Text(PageWidth / 2, 58, addr, 9, align: Align.Center);
        if (_d.Seller.TaxId is not null) _c.Text(PageWidth / 2, 71, $"{_l.TaxId}: {_d.Seller.TaxId}", 8.5, align: Align.Center);
        _c.Line(40, 86, 555, 86, 1.2);
        _c.Text(PageWidth / 2, 96, Title, 14, bold: true, align: Align.Center);
        var meta = Meta();
        var cells = meta.Take(4).ToList();
        var w = 515.0 / cells.Count;
        for (var i = 0; i < cells.Count; i++)
        {
            var x = 40 + i * w;
            _c.Box(x, 120, w, 34);
            _c.Text(x + 5, 124, cells[i].Label, 7.5);
            _c.Text(x + 5, 137, cells[i].Value, 9.5, bold: true);
        }
        var y = PartyBlock(40, 168, _l.Buyer, _d.Buyer, false);
        var ry = 181.0;
        foreach (var (label, value) in meta.Skip(4))
        {
            _c.Text(330, ry, label + ":", 8.5, bold: true);
            _c.Text(440, ry, value, 8.5);
            ry += 13;
        }
        y = Math.Max(y, ry) + 14;
        y = Table(y, 40, 555, border: TableStyle.Rules);
        Totals(y + 6, 555, 360);
    }

    private void Sidebar()
    {
        _c.Box(30, 30, 140, 760, 0, fillGray: 238);
        var sy = 44.0;
        foreach (var (label, value) in Meta())
        {
            _c.Text(38, sy, label, 7.5, bold: true);
            sy += 10;
            foreach (var part in _c.Wrap(value, 8.5, 126))
            {
                _c.Text(38, sy, part, 8.5);
                sy += 11;
            }
            sy += 8;
        }
        _c.Text(565, 40, Title, 16, bold: true, align: Align.Right);
        var y = PartyBlock(185, 70, _l.Seller, _d.Seller, false);
        y = PartyBlock(185, y + 10, _l.Buyer, _d.Buyer, false) + 14;
        y = Table(y, 185, 565, border: TableStyle.Rules);
        Totals(y + 6, 565, 380);
    }

    private void Grid()
    {
        _c.Text(40, 36, Title, 16, bold: true);
        var meta = Meta();
        double cw = 515.0 / 3, ch = 30, top = 62;
        for (var i = 0; i < meta.Count; i++)
        {
            var x = 40 + (i % 3) * cw;
            var y0 = top + (i / 3) * ch;
            _c.Box(x, y0, cw, ch);
            _c.Text(x + 4, y0 + 3, meta[i].Label, 7);
            _c.Text(x + 4, y0 + 15, meta[i].Value, 9, bold: i == 0);
        }
        var py = top + ((meta.Count + 2) / 3) * ch + 8;
        var hy = 0.0;
        foreach (var (x, label, party) in new[] { (40.0, _l.Seller, _d.Seller), (297.5, _l.Buyer, _d.Buyer) })
            hy = Math.Max(hy, PartyBlock(x + 5, py + 5, label, party, true, 8.5));
        _c.Box(40, py, 257.5, hy - py + 4);
        _c.Box(297.5, py, 257.5, hy - py + 4);
        var y = Table(hy + 18, 40, 555, border: TableStyle.Full);
        Totals(y + 6, 555, 360, boxed: true);
    }

    private void Minimal()
    {
        _c.Text(40, 40, Title, 13, bold: true);
        var y = 66.0;
        foreach (var (label, value) in Meta())
        {
            _c.Text(40, y, $"{label}: {value}", 9);
            y += 13;
        }
        y += 8;
        _c.Text(40, y, $"{_l.Seller}: {_d.Seller.Name}, {string.Join(", ", _d.Seller.AddressLines)}, {_l.Country(_d.Seller.Country)}", 9);
        y += 13;
        _c.Text(40, y, $"{_l.Buyer}: {_d.Buyer.Name}, {string.Join(", ", _d.Buyer.AddressLines)}, {_l.Country(_d.Buyer.Country)}", 9);
        y += 24;
        y = Table(y, 40, 555, border: TableStyle.None);
        Totals(y + 6, 555, 360);
    }

    private enum TableStyle { Full, Rules, None }

    private List<Column> Columns(double width)
    {
        var cols = new List<Column> { new("no", _l.ColNo, 26, Align.Left), new("desc", _l.ColDescription, 0, Align.Left) };
        var narrow = _d.Layout == "sidebar";
        cols.Add(new("hs", _l.ColHs, narrow ? 58 : 56, Align.Left));
        if (_d.Kind == DocKind.PackingList)
        {
            cols.Add(new("qty", _l.ColQty, 42, Align.Right));
            cols.Add(new("unit", _l.ColUnit, 36, Align.Left));
            cols.Add(new("pkg", _l.ColPackages, 44, Align.Right));
            cols.Add(new("net", _l.ColNet, 52, Align.Right));
            cols.Add(new("gross", _l.ColGross, 52, Align.Right));
        }
        else if (narrow)
        {
            cols.Add(new("qtyunit", _l.ColQty, 58, Align.Right));
            cols.Add(new("price", _l.ColUnitPrice, 62, Align.Right));
            cols.Add(new("amount", _l.ColAmount, 70, Align.Right));
        }
        else
        {
            cols.Add(new("qty", _l.ColQty, 42, Align.Right));
            cols.Add(new("unit", _l.ColUnit, 36, Align.Left));
            cols.Add(new("price", _l.ColUnitPrice, 64, Align.Right));
            cols.Add(new("amount", _l.ColAmount, 72, Align.Right));
            if (PrintsLineOrigin(_d)) cols.Add(new("origin", _l.ColOrigin, 40, Align.Left));
        }
        var rest = width - cols.Sum(c => c.Width);
        cols[1] = cols[1] with { Width = rest };
        return cols;
    }

    private string Cell(string key, GoodsLine g) => key switch
    {
        "no" => g.No.ToString(System.Globalization.CultureInfo.InvariantCulture),
        "hs" => HsPrinted(_d.Layout, g.Product.Hs),
        "qty" => _l.Quantity(g.Quantity),
        "unit" => _l.Unit(g.Unit),
        "qtyunit" => $"{_l.Quantity(g.Quantity)} {_l.Unit(g.Unit)}",
        "price" => Money(g.UnitPrice),
        "amount" => Money(g.Amount),
        "origin" => g.Origin,
        "pkg" => g.Packages.ToString(System.Globalization.CultureInfo.InvariantCulture),
        "net" => _l.Quantity(g.NetKg),
        "gross" => _l.Quantity(g.GrossKg),
        _ => "",
    };

    private const double FontSize = 8;

    private double HeaderRow(double y, double x0, List<Column> cols, TableStyle style)
    {
        const double h = 16;
        if (style == TableStyle.Full) _c.Box(x0, y, cols.Sum(c => c.Width), h, 0.6, fillGray: 225);
        var x = x0;
        foreach (var col in cols)
        {
            var tx = col.Align == Align.Right ? x + col.Width - 4 : x + 4;
            _c.Text(tx, y + 4, col.Header, 7.5, bold: true, align: col.Align);
            x += col.Width;
        }
        if (style == TableStyle.Rules) _c.Line(x0, y + h, x0 + cols.Sum(c => c.Width), y + h, 0.8);
        return y + h;
    }

    private double LabelRow(double y, double x0, double x1, string label, string value, TableStyle style, bool bold = false)
    {
        const double h = 14;
        if (style == TableStyle.Full) _c.Box(x0, y, x1 - x0, h);
        _c.Text(x0 + 30, y + 3.5, label, FontSize, bold: true);
        var amountRight = x1 - 4 - (_d.Kind == DocKind.Invoice && PrintsLineOrigin(_d) ? 40 : 0);
        _c.Text(amountRight, y + 3.5, value, FontSize, bold: bold, align: Align.Right);
        return y + h;
    }

    private double Table(double y, double x0, double x1, TableStyle border)
    {
        var cols = Columns(x1 - x0);
        y = HeaderRow(y, x0, cols, border);
        decimal running = 0;
        foreach (var g in _d.Lines)
        {
            var descWidth = cols[1].Width - 8;
            var descLines = _c.Wrap(g.Description, FontSize, descWidth);
            var h = 6 + descLines.Count * 10;
            var reserve = _d.Kind == DocKind.Invoice ? 16 : 0;
            if (y + h + reserve > Bottom)
            {
                if (_d.Kind == DocKind.Invoice) y = LabelRow(y, x0, x1, _l.CarriedForward, Money(running), border);
                NewPage();
                _c.Text(40, 40, $"{Title} — {_l.InvoiceNo} {_d.Number}", 10, bold: true);
                y = HeaderRow(70, x0, cols, border);
                if (_d.Kind == DocKind.Invoice) y = LabelRow(y, x0, x1, _l.BroughtForward, Money(running), border);
            }
            var x = x0;
            foreach (var col in cols)
            {
                if (border == TableStyle.Full) _c.Box(x, y, col.Width, h);
                if (col.Key == "desc")
                {
                    for (var i = 0; i < descLines.Count; i++) _c.Text(x + 4, y + 3.5 + i * 10, descLines[i], FontSize);
                }
                else
                {
                    var tx = col.Align == Align.Right ? x + col.Width - 4 : x + 4;
                    _c.Text(tx, y + 3.5, Cell(col.Key, g), FontSize, align: col.Align);
                }
                x += col.Width;
            }
            y += h;
            running += g.Amount;
        }
        if (border == TableStyle.Rules) _c.Line(x0, y, x1, y, 0.8);
        return y;
    }

    private void Totals(double y, double right, double labelX, bool boxed = false)
    {
        var rows = new List<(string Label, string Value, bool Bold)>();
        if (_d.Kind == DocKind.Invoice)
        {
            rows.Add((_l.Subtotal, Money(_d.LineTotal), false));
            if (_d.Freight > 0) rows.Add((_l.Freight, Money(_d.Freight), false));
            if (_d.Insurance > 0) rows.Add((_l.Insurance, Money(_d.Insurance), false));
            if (_d.TaxRate > 0)
                rows.Add(($"{_l.Tax} {(_d.TaxRate * 100).ToString("0", System.Globalization.CultureInfo.InvariantCulture)}%", Money(_d.Tax), false));
            rows.Add(($"{_l.Total} ({_d.Currency})", Symbol.Trim() == "¥" ? "¥" + Money(_d.Total) : Money(_d.Total), true));
        }
        var weights = new List<(string, string, bool)>();
        if (PrintsWeights(_d))
        {
            weights.Add((_l.PackageCount, _d.Packages.ToString(System.Globalization.CultureInfo.InvariantCulture), false));
            weights.Add((_l.NetWeight, _l.Quantity(_d.NetKg), false));
            weights.Add((_l.GrossWeight, _l.Quantity(_d.GrossKg), false));
        }
        var needed = (rows.Count + weights.Count) * 14 + 40;
        if (y + needed > Bottom)
        {
            NewPage();
            _c.Text(40, 40, $"{Title} — {_l.InvoiceNo} {_d.Number}", 10, bold: true);
            y = 70;
        }
        var y0 = y;
        foreach (var (label, value, bold) in rows)
        {
            _c.Text(labelX, y + 2, label, 9, bold: true);
            _c.Text(right - 4, y + 2, value, 9, bold: bold, align: Align.Right);
            y += 14;
        }
        if (boxed && rows.Count > 0) _c.Box(labelX - 6, y0 - 2, right - labelX + 6, y - y0 + 2);
        if (rows.Count > 0) y += 10;
        foreach (var (label, value, _) in weights)
        {
            _c.Text(labelX, y + 2, label, 9);
            _c.Text(right - 4, y + 2, value, 9, align: Align.Right);
            y += 14;
        }
        if (y + 40 < Bottom)
        {
            _c.Line(40, y + 34, 200, y + 34, 0.5);
            _c.Text(40, y + 37, _l.Signature, 7.5);
        }
    }
}
