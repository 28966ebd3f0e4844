using System.Globalization;

namespace CustomsFn.EvalSetGenerator;

/// <summary>Something that draws one document page by page (the eval set's layouts, the families).</summary>
internal interface IDocumentRenderer
{
    void Render();
    int Pages { get; }
}

/// <summary>
/// Draws a document of a layout family on A4 from its <see cref="FamilyStyle"/>: seller left, right or as a centred
/// banner; the key/value block beside the seller, as a band, in a shaded sidebar or below the parties; labels inline,
/// above, in a column or in boxes; the goods table with the family's columns and row style; totals; footers on every page.
/// </summary>
internal sealed class FamilyRenderer : IDocumentRenderer
{
    private const double PageWidth = DocRenderer.PageWidth, PageHeight = DocRenderer.PageHeight, Bottom = 760;
    private readonly FamilyDoc _fd;
    private readonly FamilyStyle _s;
    private readonly DocSpec _d;
    private readonly Labels _l;
    private readonly Func<IPageCanvas> _newPage;
    private readonly int _totalPages;
    private readonly double _x0, _x1;
    private IPageCanvas _c = null!;
    public int Pages { get; private set; }

    public FamilyRenderer(FamilyDoc fd, Func<IPageCanvas> newPage, int totalPages)
    {
        _fd = fd;
        _s = fd.Style;
        _d = fd.Spec;
        _l = Labels.For(_d.Language);
        _newPage = newPage;
        _totalPages = totalPages;
        (_x0, _x1) = _s.Meta == MetaPlace.Sidebar ? (185.0, 565.0) : (40.0, 555.0);
    }

    private double Size => _s.Size;
    private bool Cjk => _d.Language is "ja" or "zh";
    private string Colon => Cjk ? "：" : ":";
    private string Title => _s.W(_s.CreditNote ? "cn" : _d.Kind == DocKind.PackingList ? "pl" : "inv");
    private string NumberLabel => _s.W(_s.CreditNote ? "no_cn" : _d.Kind == DocKind.PackingList ? "no_pl" : "no_inv");

    private string Money(decimal v)
    {
        if (_s.Grouping) return _l.Money(v, _d.Decimals);
        var t = v.ToString("F" + _d.Decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        return t.Replace(".", _l.Decimal.ToString(), StringComparison.Ordinal);
    }

    private string TotalValue(decimal v) => _s.CurrencyInTotal == 2
        ? (_d.Currency is "JPY" or "CNY" ? "¥" : _d.Currency + " ") + Money(v)
        : Money(v);

    private static uint Fnv(string s)
    {
        var h = 2166136261u;
        foreach (var ch in s) h = (h ^ ch) * 16777619u;
        return h;
    }

    public void Render()
    {
        NewPage();
        var y = Header();
        y = Table(y + 6);
        Totals(y + 8);
    }

    private void NewPage()
    {
        _c = _newPage();
        Pages++;
        if (_s.Meta == MetaPlace.Sidebar) _c.Box(30, 30, 140, 730, 0, fillGray: 236);
        Footer();
    }

    private void Footer()
    {
        const double fs = 7;
        var lines = new List<string>();
        var h = Fnv(_d.Seller.Name);
        if (_s.RegistrationFooter)
        {
            var reg = string.Format(CultureInfo.InvariantCulture, _s.W("reg"), _d.Seller.AddressLines[^1], 10000 + h % 90000);
            lines.Add($"{_d.Seller.Name} · {reg}");
        }
        if (_s.BankFooter)
        {
            var bank = _d.Language switch
            {
                "en" => "Harbour Commercial Bank", "de" => "Sparkasse Ostalb", "fr" => "Crédit Rhodanien", "es" => "Banco del Turia",
                "it" => "Banca Veneta", "nl" => "Maasbank", "ja" => "みなと銀行 本店", _ => "中国建设银行滨江支行",
            };
            var account = _d.Language is "ja" or "zh" or "en"
                ? (h % 10000000).ToString("0000000", CultureInfo.InvariantCulture)
                : $"{_d.Seller.Country}{h % 90 + 10} {h % 9000 + 1000} {h / 7 % 9000 + 1000} {h / 11 % 9000 + 1000} {h / 13 % 90 + 10}";
            var bic = $"{bank.Where(char.IsAsciiLetterUpper).Take(4).Aggregate("", (a, c) => a + c).PadRight(4, 'X')}{_d.Seller.Country}2X";
            lines.Add(string.Format(CultureInfo.InvariantCulture, _s.W("bank"), bank, account, bic));
        }
        lines.Add(string.Format(CultureInfo.InvariantCulture, _s.W("page"), Pages, _totalPages));
        var y = PageHeight - 26 - lines.Count * (fs + 3);
        _c.Line(40, y - 5, 555, y - 5, 0.3);
        foreach (var line in lines)
        {
            _c.Text(PageWidth / 2, y, line, FitSize(line, fs, 515), align: Align.Center);
            y += fs + 3;
        }
    }

    private double FitSize(string text, double size, double width, bool bold = false)
    {
        while (size > 5.5 && _c.Measure(text, size, bold) > width) size -= 0.25;
        return size;
    }

    private List<(string Label, string Value, bool Key)> Pairs()
    {
        var m = new List<(string, string, bool)> { (NumberLabel, _d.Number, true), (_s.W("date"), _s.FormatDate(_d.Date), false) };
        if (_fd.ReferenceInvoice is { } r) m.Add((_s.W("ref"), r, false));
        if (_d.Kind == DocKind.Invoice) m.Add((_s.W("currency"), _d.Currency, false));
        m.Add((_s.W("terms"), $"{_d.Incoterm} {_d.IncotermPlace}", false));
        m.Add((_s.W("origin"), _l.Country(_d.OriginCountry), false));
        m.Add((_s.W("dest"), _l.Country(_d.DestinationCountry), false));
        return m;
    }

    private double Header()
    {
        double y;
        var titleSize = Math.Round(Size * 1.6 * 2) / 2;
        if (_s.Seller == SellerPlace.Banner)
        {
            _c.Text(PageWidth / 2, 34, _d.Seller.Name, FitSize(_d.Seller.Name, Size * 1.7, 500, true), bold: true, align: Align.Center);
            var addr = string.Join(", ", _d.Seller.AddressLines.Append(_l.Country(_d.Seller.Country)));
            y = 34 + Size * 1.7 + 6;
            _c.Text(PageWidth / 2, y, addr, FitSize(addr, Size, 500), align: Align.Center);
            y += Size + 4;
            if (_s.PrintTaxId && _d.Seller.TaxId is not null)
            {
                _c.Text(PageWidth / 2, y, $"{_s.W("taxid")}{Colon} {_d.Seller.TaxId}", Size * 0.9, align: Align.Center);
                y += Size + 4;
            }
            _c.Line(40, y + 2, 555, y + 2, 1.1);
            y += 10;
            _c.Text(PageWidth / 2, y, Title, titleSize, bold: _s.TitleBold, align: Align.Center);
            y += titleSize + 12;
            if (_s.Meta == MetaPlace.Band) y = Meta(_x0, y, _x1 - _x0) + 12;
            y = Parties(y) + 10;
            if (_s.Meta == MetaPlace.BelowParties) y = Meta(_x0, y, _x1 - _x0) + 12;
            return y;
        }

        var mid = (_x0 + _x1) / 2;
        var sellerLeft = _s.Seller == SellerPlace.Left || _s.Meta == MetaPlace.Sidebar;
        if (sellerLeft) _c.Text(_x1, 36, Title, FitSize(Title, titleSize, 260, _s.TitleBold), bold: _s.TitleBold, align: Align.Right);
        else _c.Text(_x0, 36, Title, FitSize(Title, titleSize, 260, _s.TitleBold), bold: _s.TitleBold);
        var sellerX = sellerLeft ? _x0 : mid + 10;
        var sy = Party(sellerX, 70, _x1 - mid - 10, _s.W("seller"), _d.Seller, _s.PrintTaxId);
        y = sy;
        switch (_s.Meta)
        {
            case MetaPlace.BesideSeller:
                y = Math.Max(sy, Meta(sellerLeft ? mid + 10 : _x0, 70, _x1 - mid - 10));
                break;
            case MetaPlace.Sidebar:
                Meta(38, 44, 124);
                break;
            case MetaPlace.Band:
                y = Meta(_x0, sy + 10, _x1 - _x0);
                break;
        }
        y = Parties(y + 12) + 10;
        if (_s.Meta == MetaPlace.BelowParties) y = Meta(_x0, y, _x1 - _x0) + 12;
        return y;
    }

    private double Parties(double y)
    {
        var w = _x1 - _x0;
        if (_s.Consignee && _s.PartiesSideBySide)
        {
            var a = Party(_x0, y, w / 2 - 10, _s.W("buyer"), _d.Buyer, false);
            var b = Party(_x0 + w / 2, y, w / 2 - 10, _s.W("consignee"), _fd.Consignee, false);
            return Math.Max(a, b);
        }
        var x = _s.PartiesSideBySide && _s.Seller == SellerPlace.Right ? (_x0 + _x1) / 2 + 10 : _x0;
        y = Party(x, y, _x1 - x, _s.W("buyer"), _d.Buyer, false);
        if (_s.Consignee) y = Party(x, y + 8, _x1 - x, _s.W("consignee"), _fd.Consignee, false);
        return y;
    }

    private double Party(double x, double y, double w, string label, Party p, bool taxId)
    {
        _c.Text(x, y, label, Size * 0.85, bold: true);
        y += Size * 0.85 + 4;
        _c.Text(x, y, p.Name, FitSize(p.Name, Size + 1, w, true), bold: true);
        y += Size + 4;
        var rest = p.AddressLines.Append(_l.Country(p.Country)).ToList();
        if (taxId && p.TaxId is not null) rest.Add($"{_s.W("taxid")}{Colon} {p.TaxId}");
        foreach (var a in rest)
        {
            _c.Text(x, y, a, FitSize(a, Size, w));
            y += Size + 3;
        }
        return y;
    }

    private double Meta(double x, double y, double w)
    {
        var pairs = Pairs();
        var size = Size;
        switch (_s.Labels)
        {
            case LabelStyle.Inline:
                foreach (var (label, value, key) in pairs)
                {
                    var text = $"{label}{Colon} {value}";
                    _c.Text(x, y, text, FitSize(text, size, w, key), bold: key);
                    y += size + 4;
                }
                return y;
            case LabelStyle.Column:
            {
                var lw = Math.Min(pairs.Max(p => _c.Measure(p.Label, size * 0.9, true)) + 10, w * 0.55);
                foreach (var (label, value, key) in pairs)
                {
                    _c.Text(x, y, label, FitSize(label, size * 0.9, lw - 6, true), bold: true);
                    _c.Text(x + lw, y, value, FitSize(value, size, w - lw, key), bold: key);
                    y += size + 5;
                }
                return y;
            }
            default:
            {
                var boxed = _s.Labels == LabelStyle.Boxed;
                var cols = Math.Max(1, (int)(w / 125));
                var cw = w / cols;
                var ch = size * 0.8 + size + 12;
                for (var i = 0; i < pairs.Count; i++)
                {
                    var (label, value, key) = pairs[i];
                    var cx = x + i % cols * cw;
                    var cy = y + i / cols * ch;
                    if (boxed) _c.Box(cx, cy, cw, ch, 0.5);
                    _c.Text(cx + 4, cy + 3, label, FitSize(label, size * 0.8, cw - 8));
                    _c.Text(cx + 4, cy + 5 + size * 0.8, value, FitSize(value, size, cw - 8, key), bold: key);
                }
                return y + (pairs.Count + cols - 1) / cols * ch + 2;
            }
        }
    }

    private static readonly Dictionary<string, double> BaseWidths = new()
    {
        ["no"] = 24, ["code"] = 50, ["hs"] = 54, ["origin"] = 34, ["qty"] = 40, ["unit"] = 34, ["price"] = 58, ["disc"] = 36, ["amount"] = 66,
        ["pkg"] = 40, ["net"] = 46, ["gross"] = 46,
    };

    private string Header(string key) => key == "disc" ? _s.W("col_disc") : _s.W("col_" + key);

    private static bool RightAligned(string key) => key is "qty" or "price" or "disc" or "amount" or "pkg" or "net" or "gross";

    private (List<(string Key, double Width)> Cols, double Size) Layout()
    {
        var ts = Math.Min(Size, 9.5);
        while (true)
        {
            var k = ts / 8;
            var cols = _s.Columns.Select(c => (c, c == "desc" ? 0 : Math.Max(BaseWidths[c] * k, _c.Measure(Header(c), ts * 0.92, true) + 8))).ToList();
            var rest = _x1 - _x0 - cols.Sum(c => c.Item2);
            if (rest >= 120 || ts <= 6)
            {
                var i = cols.FindIndex(c => c.Item1 == "desc");
                cols[i] = ("desc", rest);
                return (cols, ts);
            }
            ts -= 0.5;
        }
    }

    private string Cell(string key, int i)
    {
        var g = _d.Lines[i];
        return key switch
        {
            "no" => g.No.ToString(CultureInfo.InvariantCulture),
            "code" => _fd.Codes[i],
            "hs" => _s.HsPrinted(g.Product.Hs),
            "origin" => g.Origin,
            "qty" => _l.Quantity(g.Quantity),
            "unit" => _l.Unit(g.Unit),
            "price" => Money(g.UnitPrice),
            "disc" => _l.Quantity(_fd.Discounts[i]),
            "amount" => Money(g.Amount),
            "pkg" => g.Packages.ToString(CultureInfo.InvariantCulture),
            "net" => _l.Quantity(g.NetKg),
            "gross" => _l.Quantity(g.GrossKg),
            _ => "",
        };
    }

    private double HeaderRow(double y, List<(string Key, double Width)> cols, double ts)
    {
        var h = ts + 9;
        var width = cols.Sum(c => c.Width);
        if (_s.Rows is RowStyle.Grid or RowStyle.Zebra) _c.Box(_x0, y, width, h, _s.Rows == RowStyle.Grid ? 0.6 : 0, fillGray: (byte)(_s.Rows == RowStyle.Grid ? 225 : 205));
        var x = _x0;
        foreach (var (key, w) in cols)
        {
            var right = RightAligned(key);
            _c.Text(right ? x + w - 4 : x + 4, y + 4, Header(key), FitSize(Header(key), ts * 0.92, w - 6, true), bold: true, align: right ? Align.Right : Align.Left);
            x += w;
        }
        if (_s.Rows == RowStyle.Rules) _c.Line(_x0, y + h, _x0 + width, y + h, 0.8);
        if (_s.Rows == RowStyle.Plain) _c.Line(_x0, y + h, _x0 + width, y + h, 0.3);
        return y + h;
    }

    private double CarryRow(double y, string label, decimal value, double ts)
    {
        var h = ts + 7;
        if (_s.Rows == RowStyle.Grid) _c.Box(_x0, y, _x1 - _x0, h);
        _c.Text(_x0 + 30, y + 3.5, label, ts, bold: true);
        var amountRight = _x1 - 4 - (_s.Columns[^1] == "origin" ? 34 * ts / 8 : 0);
        _c.Text(amountRight, y + 3.5, Money(value), ts, bold: true, align: Align.Right);
        return y + h;
    }

    private void Continuation()
    {
        NewPage();
        var text = $"{Title} — {NumberLabel} {_d.Number}";
        _c.Text(_x0, 40, text, FitSize(text, Math.Min(Size + 1, 10), _x1 - _x0, true), bold: true);
    }

    private double Table(double y)
    {
        var (cols, ts) = Layout();
        var invoice = _d.Kind == DocKind.Invoice;
        var carry = invoice && _s.CarryRows;
        y = HeaderRow(y, cols, ts);
        decimal running = 0;
        var lineH = ts + 2.5;
        for (var i = 0; i < _d.Lines.Count; i++)
        {
            var descW = cols.First(c => c.Key == "desc").Width - 8;
            var desc = _c.Wrap(_d.Lines[i].Description, ts, descW);
            var h = 7 + desc.Count * lineH;
            if (y + h + (carry ? ts + 7 : 0) > Bottom)
            {
                if (carry) y = CarryRow(y, _s.W("cf"), running, ts);
                else if (_s.Rows == RowStyle.Rules) _c.Line(_x0, y, _x1, y, 0.8);
                Continuation();
                y = HeaderRow(70, cols, ts);
                if (carry) y = CarryRow(y, _s.W("bf"), running, ts);
            }
            var x = _x0;
            if (_s.Rows == RowStyle.Zebra && i % 2 == 1) _c.Box(_x0, y, _x1 - _x0, h, 0, fillGray: 242);
            foreach (var (key, w) in cols)
            {
                if (_s.Rows == RowStyle.Grid) _c.Box(x, y, w, h);
                if (key == "desc")
                    for (var j = 0; j < desc.Count; j++) _c.Text(x + 4, y + 3.5 + j * lineH, desc[j], ts);
                else
                {
                    var right = RightAligned(key);
                    _c.Text(right ? x + w - 4 : x + 4, y + 3.5, Cell(key, i), ts, align: right ? Align.Right : Align.Left);
                }
                x += w;
            }
            y += h;
            running += _d.Lines[i].Amount;
        }
        if (_s.Rows == RowStyle.Rules) _c.Line(_x0, y, _x1, y, 0.8);
        return y;
    }

    private void Totals(double y)
    {
        var rows = new List<(string Label, string Value, bool Bold)>();
        if (_d.Kind == DocKind.Invoice)
        {
            rows.Add((_s.W("subtotal"), Money(_d.LineTotal), false));
            if (_d.Freight > 0) rows.Add((_s.W("freight"), Money(_d.Freight), false));
            if (_d.Insurance > 0) rows.Add((_s.W("insurance"), Money(_d.Insurance), false));
            if (_d.TaxRate > 0) rows.Add(($"{_s.W("tax")} {(_d.TaxRate * 100).ToString("0", CultureInfo.InvariantCulture)}%", Money(_d.Tax), false));
            var total = _s.W(_s.CreditNote ? "total_cn" : "total") + (_s.CurrencyInTotal == 1 ? $" ({_d.Currency})" : "");
            rows.Add((total, TotalValue(_d.Total), true));
            if (_s.AmountDue) rows.Add((_s.W(_s.CreditNote ? "due_cn" : "due"), TotalValue(_d.Total), true));
        }
        if (_s.PrintWeights)
        {
            rows.Add((_s.W("pkgs"), _d.Packages.ToString(CultureInfo.InvariantCulture), false));
            rows.Add((_s.W("net"), _l.Quantity(_d.NetKg), false));
            rows.Add((_s.W("gross"), _l.Quantity(_d.GrossKg), false));
        }
        var size = Math.Min(Size, 10);
        if (y + rows.Count * (size + 6) + 10 > Bottom)
        {
            Continuation();
            y = 70;
        }
        var labelX = _x1 - 240;
        foreach (var (label, value, bold) in rows)
        {
            _c.Text(labelX, y + 2, label, FitSize(label, size, 150, true), bold: true);
            _c.Text(_x1 - 4, y + 2, value, size, bold: bold, align: Align.Right);
            y += size + 6;
        }
    }
}
