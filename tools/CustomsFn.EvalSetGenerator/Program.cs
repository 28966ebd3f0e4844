using System.Globalization;
using CustomsFn.EvalSetGenerator;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using PdfSharp.Drawing;
using PdfSharp.Fonts;
using PdfSharp.Pdf;
using SkiaSharp;

return Program.Run(args);

internal static partial class Program
{
    public const int DefaultSeed = 20261126;

    public static int Run(string[] args)
    {
        string? outDir = null;
        int? seed = null, family = null;
        var families = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--out" when i + 1 < args.Length: outDir = args[++i]; break;
                case "--seed" when i + 1 < args.Length: seed = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--families": families = true; break;
                case "--family" when i + 1 < args.Length: family = int.Parse(args[++i], CultureInfo.InvariantCulture); families = true; break;
                default:
                    Console.Error.WriteLine("usage: CustomsFn.EvalSetGenerator [--out DIR] [--seed N] [--families [--family ID]]");
                    return 2;
            }
        }
        Fonts.Check();
        GlobalFontSettings.FontResolver = new FileFontResolver();
        if (families) return WriteFamilies(outDir ?? "samples/families", seed ?? Families.DefaultSeed, family);
        return WriteEvalSet(outDir ?? "samples/eval", seed ?? DefaultSeed);
    }

    /// <summary>The documents/ and expected/ folders of a set, emptied (or created) before it is written again.</summary>
    private static (string Documents, string Expected) EmptyOutput(string outDir)
    {
        var docsDir = Path.Combine(outDir, "documents");
        var expectedDir = Path.Combine(outDir, "expected");
        foreach (var dir in new[] { docsDir, expectedDir })
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
            Directory.CreateDirectory(dir);
        }
        return (docsDir, expectedDir);
    }

    private static int WriteEvalSet(string outDir, int seed)
    {
        var (docsDir, expectedDir) = EmptyOutput(outDir);

        var manifest = new JArray();
        long total = 0;
        foreach (var d in Catalog.Build(seed))
        {
            var (fileName, bytes, pages) = Write(d);
            File.WriteAllBytes(Path.Combine(docsDir, fileName), bytes);
            File.WriteAllText(Path.Combine(expectedDir, fileName + ".expected.json"), Expected.For(d).ToString(Formatting.Indented) + "\n");
            total += bytes.Length;
            var entry = new JObject
            {
                ["file"] = fileName, ["layout"] = d.Layout, ["language"] = d.Language,
                ["documentType"] = d.Kind == DocKind.Invoice ? "commercial-invoice" : "packing-list",
                ["format"] = Expected.FormatOf(d), ["pages"] = pages, ["lines"] = d.Lines.Count,
            };
            if (d.IsScan)
            {
                entry["dpi"] = d.Dpi;
                entry["skewDegrees"] = d.SkewDegrees;
            }
            manifest.Add(entry);
            Console.WriteLine($"{fileName,-48} {pages} page(s) {bytes.Length / 1024,6} KiB");
        }
        var root = new JObject { ["generator"] = "tools/CustomsFn.EvalSetGenerator", ["seed"] = seed, ["documents"] = manifest };
        File.WriteAllText(Path.Combine(outDir, "manifest.json"), root.ToString(Formatting.Indented) + "\n");
        Console.WriteLine($"{manifest.Count} documents, {total / 1024} KiB in {outDir}");
        return 0;
    }

    /// <summary>
    /// The layout families (issue #19) in <paramref name="outDir"/>: documents/, expected/, manifest.json with per file the
    /// family, split, language, type, pages and lines, and per family its structural choices. With <paramref name="only"/>
    /// just that family's documents (the determinism test).
    /// </summary>
    private static int WriteFamilies(string outDir, int seed, int? only)
    {
        var (docsDir, expectedDir) = EmptyOutput(outDir);
        var manifest = new JArray();
        var styles = new JArray();
        long total = 0;
        foreach (var d in Families.Build(seed, only))
        {
            var (bytes, pages) = TextPdf(d.Spec.Name, d.Style.Font, (newPage, count) => new FamilyRenderer(d, newPage, count));
            File.WriteAllBytes(Path.Combine(docsDir, d.FileName), bytes);
            File.WriteAllText(Path.Combine(expectedDir, d.FileName + ".expected.json"), Families.Expected(d).ToString(Formatting.Indented) + "\n");
            total += bytes.Length;
            manifest.Add(new JObject
            {
                ["file"] = d.FileName, ["family"] = d.Style.Name, ["split"] = d.Style.Split, ["language"] = d.Spec.Language,
                ["documentType"] = d.Style.TypeName, ["format"] = "pdf-text", ["pages"] = pages, ["lines"] = d.Spec.Lines.Count,
            });
            if (!styles.Any(s => (string?)s["id"] == d.Style.Name)) styles.Add(Families.Describe(d.Style));
            Console.WriteLine($"{d.FileName,-44} {pages} page(s) {bytes.Length / 1024,6} KiB");
        }
        var root = new JObject
        {
            ["generator"] = "tools/CustomsFn.EvalSetGenerator --families", ["seed"] = seed,
            ["split"] = "a family is held-out when its number % 4 == 3 (fixed before any result was seen); the others are train",
            ["documents"] = manifest, ["families"] = styles,
        };
        File.WriteAllText(Path.Combine(outDir, "manifest.json"), root.ToString(Formatting.Indented) + "\n");
        Console.WriteLine($"{manifest.Count} documents of {styles.Count} families, {total / 1024} KiB in {outDir}");
        return 0;
    }

    private static (string File, byte[] Bytes, int Pages) Write(DocSpec d)
    {
        switch (d.Delivery)
        {
            case Delivery.TextPdf:
            {
                var (bytes, pages) = TextPdf(d);
                return (d.Name + ".pdf", bytes, pages);
            }
            case Delivery.ScanPdf:
            {
                var images = Scans.Render(d);
                return (d.Name + ".scan.pdf", Scans.ImagePdf(images, d.Dpi, d.Name), images.Count);
            }
            default:
            {
                var images = Scans.Render(d);
                if (images.Count != 1) throw new InvalidOperationException($"{d.Name}: image scans must be one page, got {images.Count}.");
                return d.Delivery switch
                {
                    Delivery.Png => (d.Name + ".png", Scans.EncodeSkia(images[0], SKEncodedImageFormat.Png, 100), 1),
                    Delivery.Jpeg => (d.Name + ".jpg", Scans.EncodeSkia(images[0], SKEncodedImageFormat.Jpeg, 60), 1),
                    _ => (d.Name + ".tif", Tiff.Bilevel(images[0], d.Dpi), 1),
                };
            }
        }
    }

    private static (byte[] Bytes, int Pages) TextPdf(DocSpec d) => TextPdf(d.Name, "Latin", (newPage, total) => new DocRenderer(d, newPage, total));

    /// <summary>
    /// A text PDF in two passes: the first only measures and counts the pages (for "page x of y"), the second draws.
    /// <paramref name="font"/> is the Latin face ("Latin", "Serif", "Mono").
    /// </summary>
    public static (byte[] Bytes, int Pages) TextPdf(string name, string font, Func<Func<IPageCanvas>, int, IDocumentRenderer> renderer)
    {
        using var doc = new PdfDocument();
        MakeDeterministic(doc, name);
        var graphics = new List<XGraphics>();
        XGraphics? probeGfx = null;
        using var probeDoc = new PdfDocument();
        var probePage = probeDoc.AddPage();
        probeGfx = XGraphics.FromPdfPage(probePage);
        var counter = renderer(() => new MeasureOnlyCanvas(new PdfCanvas(probeGfx, font)), 1);
        counter.Render();
        probeGfx.Dispose();

        var drawing = renderer(() =>
        {
            if (graphics.Count > 0) graphics[^1].Dispose();
            var page = doc.AddPage();
            page.Width = XUnit.FromPoint(DocRenderer.PageWidth);
            page.Height = XUnit.FromPoint(DocRenderer.PageHeight);
            var g = XGraphics.FromPdfPage(page);
            graphics.Add(g);
            return new PdfCanvas(g, font);
        }, counter.Pages);
        drawing.Render();
        graphics[^1].Dispose();
        using var ms = new MemoryStream();
        doc.Save(ms, false);
        return (Reproducible(ms.ToArray(), name), drawing.Pages);
    }

    /// <summary>
    /// PDFsharp writes random font-subset tags, XMP uuids and a random file /ID. Replace them, byte for byte and with the
    /// same lengths (so the cross-reference offsets stay right), by values derived from the document name: the same seed
    /// then gives the same bytes.
    /// </summary>
    public static byte[] Reproducible(byte[] pdf, string name)
    {
        var text = System.Text.Encoding.Latin1.GetString(pdf);
        var tags = new Dictionary<string, string>();
        text = SubsetTag().Replace(text, m =>
        {
            if (!tags.TryGetValue(m.Value, out var t))
            {
                var n = tags.Count;
                t = "CFN" + (char)('A' + n / 676 % 26) + (char)('A' + n / 26 % 26) + (char)('A' + n % 26) + "+";
                tags[m.Value] = t;
            }
            return t;
        });
        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(name));
        var hex = Convert.ToHexString(hash);
        var uuidIndex = 0;
        text = Uuid().Replace(text, _ =>
        {
            var h = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(name + "/" + uuidIndex++))).ToLowerInvariant();
            return $"uuid:{h[..8]}-{h[8..12]}-{h[12..16]}-{h[16..20]}-{h[20..32]}";
        });
        text = FileId().Replace(text, $"/ID[<{hex[..32]}><{hex[..32]}>]");
        return System.Text.Encoding.Latin1.GetBytes(text);
    }

    [System.Text.RegularExpressions.GeneratedRegex("(?<=/BaseFont/|/FontName/)[A-Z]{6}\\+")]
    private static partial System.Text.RegularExpressions.Regex SubsetTag();

    [System.Text.RegularExpressions.GeneratedRegex("uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")]
    private static partial System.Text.RegularExpressions.Regex Uuid();

    [System.Text.RegularExpressions.GeneratedRegex("/ID\\[<[0-9A-F]{32}><[0-9A-F]{32}>\\]")]
    private static partial System.Text.RegularExpressions.Regex FileId();

    public static void MakeDeterministic(PdfDocument doc, string title)
    {
        var fixedDate = new DateTime(2026, 11, 26, 0, 0, 0, DateTimeKind.Utc);
        doc.Info.Title = title;
        doc.Info.Creator = "CustomsFn.EvalSetGenerator";
        doc.Info.CreationDate = fixedDate;
        doc.Info.ModificationDate = fixedDate;
    }
}
