using System.Diagnostics;
using System.Globalization;
using System.Text;
using CustomsFn.Core.Extraction.Ocr;
using Newtonsoft.Json.Linq;

// Usage: CustomsFn.OcrBench [samples/eval] [--fixed-languages] [--no-deskew] [--no-despeckle] [--only NAME]
// For every scan of the evaluation set: the full OCR path (header check, decode, deskew, despeckle, script detection,
// tesseract TSV, parse) against the bare `tesseract FILE stdout --psm 6 -l LANG tsv` on the same file (page images of
// image-only PDFs are first written out), both single-threaded (OMP_THREAD_LIMIT=1), one after the other.
// Also prints, as a quality proxy, the share of the expected field values that appear verbatim in the OCR text.
var root = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)) ?? "samples/eval";
var options = new OcrOptions { TesseractPath = "tesseract" };
if (args.Contains("--no-deskew")) options.MinSkewDegrees = 99;
if (args.Contains("--no-despeckle")) options.Despeckle = false;
var only = args.SkipWhile(a => a != "--only").Skip(1).FirstOrDefault();
var langOf = new Dictionary<string, string> { ["en"] = "eng", ["de"] = "deu", ["fr"] = "fra", ["es"] = "spa", ["it"] = "ita", ["nl"] = "nld", ["ja"] = "jpn", ["zh"] = "chi_sim" };
var manifest = JObject.Parse(File.ReadAllText(Path.Combine(root, "manifest.json")));
var engine = new OcrEngine(options);
var runner = new TesseractRunner(new OcrOptions { PageTimeout = TimeSpan.FromMinutes(5) });
var tmp = Directory.CreateTempSubdirectory("ocrbench-");
double pipeTotal = 0, bareTotal = 0;
int pagesTotal = 0, foundTotal = 0, expectedTotal = 0;
Console.WriteLine($"{"file",-40} {"pages",5} {"skew",6} {"est",6} {"langs",8} {"pipe s/p",9} {"bare s/p",9} {"ratio",6} {"values",8}");
foreach (var doc in manifest["documents"]!.Cast<JObject>())
{
    var format = (string)doc["format"]!;
    if (format == "pdf-text") continue;
    var file = (string)doc["file"]!;
    if (only is not null && !file.Contains(only, StringComparison.Ordinal)) continue;
    var bytes = File.ReadAllBytes(Path.Combine(root, "documents", file));
    var fixedLang = args.Contains("--fixed-languages") ? langOf[(string)doc["language"]!] : null;

    // Pipeline.
    var sw = Stopwatch.StartNew();
    var pages = new List<OcrPage>();
    var images = new List<(byte[] Bytes, double? Dpi)>();
    if (format == "pdf-scan")
    {
        foreach (var img in PdfScanPages.Read(bytes, options, CancellationToken.None)!) images.Add((img.Encoded, img.Dpi));
    }
    else images.Add((bytes, null));
    string? languages = fixedLang;
    foreach (var (img, dpi) in images)
    {
        var read = await engine.ReadImageAsync(img, pages.Count + 1, languages, CancellationToken.None, dpi);
        pages.AddRange(read);
        languages ??= read[0].Languages;
    }
    var pipe = sw.Elapsed.TotalSeconds;
    if (args.Contains("--phases"))
    {
        // Where the time goes: preparation (decode, deskew, despeckle, write) vs tesseract on the prepared page.
        var (img0, dpi0) = images[0];
        sw.Restart();
        var header = ImageHeader.Read(img0);
        var g = GrayImage.Decode(img0, header)!;
        var tDecode = sw.Elapsed.TotalSeconds;
        var angle = Deskew.EstimateDegrees(g);
        var tSkew = sw.Elapsed.TotalSeconds;
        g = g.Rotate(-angle);
        var tRotate = sw.Elapsed.TotalSeconds;
        Despeckle.Clean(g, g.OtsuThreshold());
        var tSpeck = sw.Elapsed.TotalSeconds;
        var pgm = Path.Combine(tmp.FullName, "prep.pgm");
        using (var fs = File.Create(pgm)) g.WritePgm(fs);
        var tWrite = sw.Elapsed.TotalSeconds;
        sw.Restart();
        await runner.RunAsync([pgm, "stdout", "--psm", "0", "--dpi", g.EffectiveDpi.ToString(CultureInfo.InvariantCulture)], CancellationToken.None);
        var tOsd = sw.Elapsed.TotalSeconds;
        sw.Restart();
        await runner.RunAsync([pgm, "stdout", "--psm", "6", "--dpi", g.EffectiveDpi.ToString(CultureInfo.InvariantCulture), "-l", languages!, "tsv"], CancellationToken.None);
        var tOcr = sw.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  phases: decode {tDecode:0.00} skew {tSkew - tDecode:0.00} rotate {tRotate - tSkew:0.00} despeckle {tSpeck - tRotate:0.00} write {tWrite - tSpeck:0.00} | osd {tOsd:0.00} ocr {tOcr:0.00}"));
    }

    // Bare tesseract on the same images with the same language set.
    double bare = 0;
    foreach (var (img, _) in images)
    {
        var path = Path.Combine(tmp.FullName, "bare" + Path.GetExtension(file).Replace(".pdf", ".jpg", StringComparison.Ordinal));
        File.WriteAllBytes(path, img);
        sw.Restart();
        await runner.RunAsync([path, "stdout", "--psm", "6", "-l", languages!, "tsv"], CancellationToken.None);
        bare += sw.Elapsed.TotalSeconds;
    }

    var text = Normalize(string.Join(" ", pages.SelectMany(p => p.Text.Words).Select(w => w.Text)));
    var expected = JObject.Parse(File.ReadAllText(Path.Combine(root, "expected", file + ".expected.json")));
    var values = ((JObject)expected["fields"]!).Properties()
        .Where(p => p.Name is "invoiceNumber" or "sellerName" or "buyerName" or "incotermPlace" or "currency")
        .Select(p => Normalize((string)p.Value!)).ToList();
    var found = values.Count(v => text.Contains(v, StringComparison.Ordinal));
    foundTotal += found;
    expectedTotal += values.Count;
    pipeTotal += pipe;
    bareTotal += bare;
    pagesTotal += pages.Count;
    var skew = doc["skewDegrees"]?.Value<double>() ?? 0;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{file,-40} {pages.Count,5} {skew,6:0.0} {pages[0].SkewDegrees,6:0.00} {languages,8} {pipe / pages.Count,9:0.00} {bare / pages.Count,9:0.00} {pipe / bare,6:0.00} {found,4}/{values.Count}"));
}
tmp.Delete(true);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"total: {pagesTotal} pages, pipeline {pipeTotal / pagesTotal:0.00} s/page, bare tesseract {bareTotal / pagesTotal:0.00} s/page, ratio {pipeTotal / bareTotal:0.00}; expected values found verbatim {foundTotal}/{expectedTotal}"));

static string Normalize(string s)
{
    var sb = new StringBuilder();
    foreach (var c in s.Normalize(NormalizationForm.FormKC)) if (!char.IsWhiteSpace(c)) sb.Append(c);
    return sb.ToString();
}
