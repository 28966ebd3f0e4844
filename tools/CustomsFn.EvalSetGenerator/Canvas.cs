using PdfSharp.Drawing;
using PdfSharp.Fonts;
using PdfSharp.Pdf;
using SkiaSharp;

namespace CustomsFn.EvalSetGenerator;

internal enum Align { Left, Right, Center }

/// <summary>Drawing in PDF points with the origin at the page's top-left; y is the top of the text line.</summary>
internal interface IPageCanvas
{
    void Text(double x, double y, string text, double size, bool bold = false, Align align = Align.Left);
    void Line(double x0, double y0, double x1, double y1, double width = 0.6);
    void Box(double x, double y, double w, double h, double width = 0.6, byte? fillGray = null);
    double Measure(string text, double size, bool bold = false);
}

internal static class PageCanvasExtensions
{
    /// <summary>
    /// Lines of <paramref name="text"/> no wider than <paramref name="width"/>: Latin text broken at spaces, CJK text without
    /// spaces between any two characters.
    /// </summary>
    public static List<string> Wrap(this IPageCanvas c, string text, double size, double width, bool bold = false)
    {
        var lines = new List<string>();
        var cjk = text.Any(Fonts.IsCjk) && !text.Contains(' ', StringComparison.Ordinal);
        var tokens = cjk ? text.Select(ch => ch.ToString()).ToList() : text.Split(' ').ToList();
        var sep = cjk ? "" : " ";
        var current = "";
        foreach (var t in tokens)
        {
            var candidate = current.Length == 0 ? t : current + sep + t;
            if (current.Length > 0 && c.Measure(candidate, size, bold) > width)
            {
                lines.Add(current);
                current = t;
            }
            else current = candidate;
        }
        if (current.Length > 0) lines.Add(current);
        return lines;
    }
}

/// <summary>The fonts: DejaVu Sans for Latin text, Droid Sans Fallback (Debian fonts-droid-fallback) for CJK runs.</summary>
internal static class Fonts
{
    public const string LatinRegular = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
    public const string LatinBold = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf";
    public const string Cjk = "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf";
    // The layout families also draw with DejaVu Serif and DejaVu Sans Mono (both in fonts-dejavu-core).
    public const string SerifRegular = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf";
    public const string SerifBold = "/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf";
    public const string MonoRegular = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf";
    public const string MonoBold = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono-Bold.ttf";

    public static bool IsCjk(char c) => c >= '\u2E80';

    /// <summary>Splits a string into runs that one font can draw.</summary>
    public static IEnumerable<(string Text, bool Cjk)> Runs(string text)
    {
        var start = 0;
        for (var i = 1; i <= text.Length; i++)
        {
            if (i == text.Length || IsCjk(text[i]) != IsCjk(text[start]))
            {
                yield return (text[start..i], IsCjk(text[start]));
                start = i;
            }
        }
    }

    public static void Check()
    {
        foreach (var f in new[] { LatinRegular, LatinBold, Cjk, SerifRegular, SerifBold, MonoRegular, MonoBold })
            if (!File.Exists(f))
                throw new FileNotFoundException($"Font {f} is missing: run `bash scripts/bootstrap.sh --eval-fonts` (Debian fonts-dejavu-core, fonts-droid-fallback).", f);
    }
}

internal sealed class FileFontResolver : IFontResolver
{
    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) => familyName switch
    {
        "Latin" => new FontResolverInfo(bold ? "Latin-Bold" : "Latin-Regular"),
        "Serif" => new FontResolverInfo(bold ? "Serif-Bold" : "Serif-Regular"),
        "Mono" => new FontResolverInfo(bold ? "Mono-Bold" : "Mono-Regular"),
        // Droid Sans Fallback has one weight: bold CJK is simulated.
        "Cjk" => new FontResolverInfo("Cjk", bold, false),
        _ => null,
    };

    public byte[]? GetFont(string faceName) => faceName switch
    {
        "Latin-Bold" => File.ReadAllBytes(Fonts.LatinBold),
        "Latin-Regular" => File.ReadAllBytes(Fonts.LatinRegular),
        "Cjk" => File.ReadAllBytes(Fonts.Cjk),
        "Serif-Bold" => File.ReadAllBytes(Fonts.SerifBold),
        "Serif-Regular" => File.ReadAllBytes(Fonts.SerifRegular),
        "Mono-Bold" => File.ReadAllBytes(Fonts.MonoBold),
        "Mono-Regular" => File.ReadAllBytes(Fonts.MonoRegular),
        _ => null,
    };
}

/// <summary>Draws on a PDF page; <paramref name="latin"/> names the Latin face ("Latin" = DejaVu Sans, "Serif", "Mono").</summary>
internal sealed class PdfCanvas(XGraphics g, string latin = "Latin") : IPageCanvas
{
    private readonly Dictionary<(bool, bool, double), XFont> _fonts = [];

    private XFont Font(bool cjk, bool bold, double size)
    {
        if (!_fonts.TryGetValue((cjk, bold, size), out var f))
        {
            f = new XFont(cjk ? "Cjk" : latin, size, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular, new XPdfFontOptions(PdfFontEncoding.Unicode));
            _fonts[(cjk, bold, size)] = f;
        }
        return f;
    }

    public double Measure(string text, double size, bool bold = false) =>
        Fonts.Runs(text).Sum(r => g.MeasureString(r.Text, Font(r.Cjk, bold, size)).Width);

    public void Text(double x, double y, string text, double size, bool bold = false, Align align = Align.Left)
    {
        var w = Measure(text, size, bold);
        x = align switch { Align.Right => x - w, Align.Center => x - w / 2, _ => x };
        var baseline = y + size * 0.85;
        foreach (var (run, cjk) in Fonts.Runs(text))
        {
            var font = Font(cjk, bold, size);
            g.DrawString(run, font, XBrushes.Black, new XPoint(x, baseline), XStringFormats.BaseLineLeft);
            x += g.MeasureString(run, font).Width;
        }
    }

    public void Line(double x0, double y0, double x1, double y1, double width = 0.6) => g.DrawLine(new XPen(XColors.Black, width), x0, y0, x1, y1);

    public void Box(double x, double y, double w, double h, double width = 0.6, byte? fillGray = null)
    {
        if (fillGray is { } gray) g.DrawRectangle(new XSolidBrush(XColor.FromArgb(gray, gray, gray)), x, y, w, h);
        if (width > 0) g.DrawRectangle(new XPen(XColors.Black, width), x, y, w, h);
    }
}

/// <summary>The same drawing on a bitmap at a given resolution (for scans).</summary>
internal sealed class SkiaCanvas : IPageCanvas, IDisposable
{
    private readonly SKCanvas _c;
    private readonly float _scale;
    private readonly SKTypeface _latin = SKTypeface.FromFile(Fonts.LatinRegular);
    private readonly SKTypeface _latinBold = SKTypeface.FromFile(Fonts.LatinBold);
    private readonly SKTypeface _cjk = SKTypeface.FromFile(Fonts.Cjk);
    private readonly Dictionary<(bool, bool, double), SKFont> _fonts = [];
    private readonly SKPaint _ink = new() { Color = SKColors.Black, IsAntialias = true };

    public SkiaCanvas(SKCanvas canvas, double dpi)
    {
        _c = canvas;
        _scale = (float)(dpi / 72.0);
    }

    private SKFont Font(bool cjk, bool bold, double size)
    {
        if (!_fonts.TryGetValue((cjk, bold, size), out var f))
        {
            f = new SKFont(cjk ? _cjk : bold ? _latinBold : _latin, (float)size * _scale) { Embolden = cjk && bold, Subpixel = true };
            _fonts[(cjk, bold, size)] = f;
        }
        return f;
    }

    public double Measure(string text, double size, bool bold = false) =>
        Fonts.Runs(text).Sum(r => Font(r.Cjk, bold, size).MeasureText(r.Text) / _scale);

    public void Text(double x, double y, string text, double size, bool bold = false, Align align = Align.Left)
    {
        var w = Measure(text, size, bold);
        x = align switch { Align.Right => x - w, Align.Center => x - w / 2, _ => x };
        var baseline = (float)((y + size * 0.85) * _scale);
        var px = (float)(x * _scale);
        foreach (var (run, cjk) in Fonts.Runs(text))
        {
            var font = Font(cjk, bold, size);
            _c.DrawText(run, px, baseline, SKTextAlign.Left, font, _ink);
            px += font.MeasureText(run);
        }
    }

    public void Line(double x0, double y0, double x1, double y1, double width = 0.6)
    {
        using var p = new SKPaint { Color = SKColors.Black, StrokeWidth = (float)(width * _scale), IsAntialias = true, Style = SKPaintStyle.Stroke };
        _c.DrawLine((float)(x0 * _scale), (float)(y0 * _scale), (float)(x1 * _scale), (float)(y1 * _scale), p);
    }

    public void Box(double x, double y, double w, double h, double width = 0.6, byte? fillGray = null)
    {
        var r = new SKRect((float)(x * _scale), (float)(y * _scale), (float)((x + w) * _scale), (float)((y + h) * _scale));
        if (fillGray is { } gray)
        {
            using var fill = new SKPaint { Color = new SKColor(gray, gray, gray), Style = SKPaintStyle.Fill };
            _c.DrawRect(r, fill);
        }
        if (width > 0)
        {
            using var p = new SKPaint { Color = SKColors.Black, StrokeWidth = (float)(width * _scale), IsAntialias = true, Style = SKPaintStyle.Stroke };
            _c.DrawRect(r, p);
        }
    }

    public void Dispose()
    {
        foreach (var f in _fonts.Values) f.Dispose();
        _ink.Dispose();
        _latin.Dispose();
        _latinBold.Dispose();
        _cjk.Dispose();
    }
}
