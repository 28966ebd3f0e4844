using System.Diagnostics;
using CustomsFn.Core.Extraction.Layout;
using CustomsFn.Core.Extraction.Ocr;
using SkiaSharp;

namespace CustomsFn.Tests.Ocr;

/// <summary>
/// The cheaper scan path: the TIFF handed to tesseract, the straightened probe crop, gray decoding, the probe's two
/// steps, and the probe running while the page is prepared (a stand-in tesseract script records what it was given).
/// </summary>
public sealed class OcrSpeedTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("customsfn-ocr-speed-");

    public void Dispose() => _dir.Delete(recursive: true);

    private static GrayImage Pattern(int w, int h, double? dpi)
    {
        var px = new byte[w * h];
        for (var y = 0; y < h; y++)
            for (var x = 0; x < w; x++) px[y * w + x] = (byte)((x * 7 + y * 13 + (x * y % 17)) % 256);
        return new GrayImage(w, h, px, dpi);
    }

    [Fact]
    public void PackBitsTiff_RoundTripsThroughTheTiffReader_AndPaperCompresses()
    {
        var noise = Pattern(123, 77, 240);
        var paper = new GrayImage(400, 300, Enumerable.Repeat((byte)238, 400 * 300).ToArray(), 200);
        for (var x = 40; x < 90; x++) paper.Pixels[150 * 400 + x] = 12; // a stroke
        // PackBits' worst case: one literal byte, then a run of two, over and over ("a b b c d d"), 4 bytes for 3. A noisy
        // photo after its light is flattened has such rows.
        var worst = new GrayImage(301, 4, [.. Enumerable.Range(0, 301 * 4).Select(i => (byte)(i % 3 == 0 ? i % 251 : 255 - i / 3 % 200))], 200);

        foreach (var page in new[] { noise, paper, worst })
        {
            var bytes = page.ToPackBitsTiff().ToArray();
            var header = ImageHeader.Read(bytes);
            Assert.Equal(("TIFF", page.Width, page.Height), (header.Kind, header.Width, header.Height));
            Assert.Equal(page.EffectiveDpi, header.DpiX);
            var back = GrayImage.Decode(bytes, header)!;
            Assert.Equal(page.Pixels, back.Pixels);
        }
        Assert.True(paper.ToPackBitsTiff().Length < paper.Pixels.Length / 20, "blank paper compresses");
        // Incompressible rows cost at most one byte in 128.
        Assert.True(noise.ToPackBitsTiff().Length < noise.Pixels.Length * 1.02 + 300);
    }

    [Fact]
    public async Task Tesseract_ReadsThePackBitsTiffFromStandardInput_AsItReadsThePngFile()
    {
        var png = EvalScans.TopOfPagePng("21-minimal-de-invoice.png", 0.12);
        var gray = GrayImage.Decode(png, ImageHeader.Read(png))!;
        var pngPath = Path.Combine(_dir.FullName, "page.png");
        await File.WriteAllBytesAsync(pngPath, png);
        var runner = new TesseractRunner(new OcrOptions());

        string fromStdin;
        using (var job = runner.StartTsv("deu", gray.EffectiveDpi, CancellationToken.None)) fromStdin = await job.RecognizeAsync(gray.ToPackBitsTiff());
        var fromFile = TesseractTsv.Parse(await runner.RecognizeTsvAsync(pngPath, "deu", gray.EffectiveDpi, CancellationToken.None));

        var words = TesseractTsv.Parse(fromStdin).Single().Words;
        Assert.Contains(words, w => w.Text.StartsWith("HANDELSRECHNUNG", StringComparison.Ordinal));
        Assert.Equal(fromFile.Single().Words, words);
    }

    [Fact]
    public async Task Job_NotGivenAnImage_IsKilledWhenDisposed()
    {
        var script = FakeTesseract("x", "x", sleepSeconds: 60);
        var job = new TesseractRunner(new OcrOptions { TesseractPath = script }).StartTsv("eng", 300, CancellationToken.None);
        await WaitForAsync(() => Survivors(script) > 0);

        job.Dispose();

        Assert.Equal(0, Survivors(script));
        Assert.Throws<ObjectDisposedException>(() => job.RecognizeAsync(new byte[] { 1 }).GetAwaiter().GetResult());
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-2.4)]
    [InlineData(3.1)]
    public void RotatedCrop_IsTheRotatedPagesRows_Subsampled(double degrees)
    {
        var page = Pattern(301, 203, 300);
        var rotated = page.Rotate(degrees);

        var full = page.RotatedCrop(degrees, 0, page.Height, 1);
        Assert.Equal(rotated.Pixels, full.Pixels);

        var top = page.RotatedCrop(degrees, 0, 81, 3);
        var expected = rotated.Crop(0, 81, 3);
        Assert.Equal((expected.Width, expected.Height), (top.Width, top.Height));
        Assert.Equal(100, top.Dpi);
        // The same sample points; stepping by three columns at a time may round a bilinear weight differently.
        Assert.All(top.Pixels.Zip(expected.Pixels), p => Assert.InRange(Math.Abs(p.First - p.Second), 0, 1));
    }

    [Fact]
    public void Decode_GrayPng_GivesTheSamePixelsAsTheColourPath()
    {
        var page = Pattern(64, 48, null);
        byte[] Encode(SKColorType type)
        {
            using var bmp = new SKBitmap(new SKImageInfo(64, 48, type, SKAlphaType.Opaque));
            for (var y = 0; y < 48; y++)
                for (var x = 0; x < 64; x++)
                {
                    var v = page.Pixels[y * 64 + x];
                    bmp.SetPixel(x, y, new SKColor(v, v, v));
                }
            using var data = bmp.Encode(SKEncodedImageFormat.Png, 100);
            return data.ToArray();
        }
        var gray = Encode(SKColorType.Gray8);
        var rgba = Encode(SKColorType.Rgba8888);
        using (var codec = SKCodec.Create(new MemoryStream(gray))) Assert.Equal(SKColorType.Gray8, codec.Info.ColorType);

        Assert.Equal(page.Pixels, GrayImage.Decode(gray, ImageHeader.Read(gray))!.Pixels);
        Assert.Equal(page.Pixels, GrayImage.Decode(rgba, ImageHeader.Read(rgba))!.Pixels);
    }

    private static TextWord W(string text, double confidence) => new(text, 0, 0, 10, 10, confidence);

    [Fact]
    public async Task Probe_LatinPageTop_NeedsOnlyTheEnglishRead()
    {
        var asked = new List<string>();
        var lang = await LanguageProbe.DetectAsync(model =>
        {
            asked.Add(model);
            return Task.FromResult<IReadOnlyList<TextWord>>([W("HANDELSRECHNUNG", 0.93), W("Datum:", 0.9), W("Nordlicht", 0.91)]);
        });
        Assert.Equal("de", lang);
        Assert.Equal([LanguageProbe.LatinProbe], asked);
    }

    [Fact]
    public async Task Probe_CjkPageTop_AsksTheJapaneseModel_AndConfidentKanaMakeItJapanese()
    {
        var asked = new List<string>();
        IReadOnlyList<TextWord> cjk = [W("商業送り状", 0.95), W("株式会社ミナト精機", 0.93), W("請求番号", 0.9)];
        var lang = await LanguageProbe.DetectAsync(model =>
        {
            asked.Add(model);
            return Task.FromResult(model == LanguageProbe.LatinProbe ? (IReadOnlyList<TextWord>)[W("i", 0.2), W("~", 0.1), W("Hb", 0.3)] : cjk);
        });
        Assert.Equal("ja", lang);
        Assert.Equal([LanguageProbe.LatinProbe, LanguageProbe.CjkProbe], asked);
        // Stray kana that the Japanese model reads into Chinese text come at low confidence.
        Assert.Equal("zh", LanguageProbe.CjkLanguage([W("宁波海瑞五金制品有限公司", 0.9), W("コバ", 0.45), W("に", 0.75), W("商业发票", 0.88)]));
    }

    [Fact]
    public async Task Probe_LatinLabelAmidTextTheEnglishModelCannotRead_AsksTheJapaneseModel()
    {
        // An English letterhead ("COMMERCIAL INVOICE") over Chinese lines, which the English model reads as junk.
        IReadOnlyList<TextWord> latin = [W("COMMERCIAL", 0.9), W("INVOICE", 0.9), .. Enumerable.Range(0, 8).Select(i => W("~" + i, 0.2))];
        var lang = await LanguageProbe.DetectAsync(model => Task.FromResult(model == LanguageProbe.LatinProbe
            ? latin
            : (IReadOnlyList<TextWord>)[W("宁波海瑞五金制品有限公司", 0.9), W("商业发票", 0.88)]));
        Assert.Equal("zh", lang);
        Assert.True(LanguageProbe.MostlyUnreadAsLatin(latin));
        Assert.False(LanguageProbe.MostlyUnreadAsLatin([W("HANDELSRECHNUNG", 0.93), W("Datum:", 0.9), W("~", 0.2)]));
    }

    [Fact]
    public async Task Probe_NeitherLatinNorConfidentCjk_IsNoCjkLanguage_TheLatinDefaultStays()
    {
        // A logo: the English model reads junk, the Japanese model a few han at no confidence.
        var lang = await LanguageProbe.DetectAsync(model => Task.FromResult(model == LanguageProbe.LatinProbe
            ? (IReadOnlyList<TextWord>)[W("Im", 0.0), W("mn", 0.0), W("ee", 0.1)]
            : [W("人", 0.0), W("人", 0.24), W("に", 0.02)]));
        Assert.Null(lang);
        Assert.Null(LanguageProbe.CjkLanguage([W("人", 0.3), W("大", 0.5), W("ロ", 0.4)]));
    }

    /// <summary>
    /// A stand-in tesseract reading its image from standard input: logs each call's model when it starts and when the
    /// image has arrived (keeping a copy of the image), then prints a TSV of the given words (the probe's for a
    /// 100-dpi image, the page's otherwise).
    /// </summary>
    private string FakeTesseract(string probeWords, string pageWords, int sleepSeconds = 0)
    {
        var script = Path.Combine(_dir.FullName, "tesseract");
        var log = Path.Combine(_dir.FullName, "calls.log");
        var tsv = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext";
        string Rows(string words) => string.Join("", words.Split(' ').Select((w, i) => $"5\\t1\\t1\\t1\\t1\\t{i + 1}\\t{10 + i * 100}\\t10\\t90\\t30\\t95\\t{w}\\n"));
        File.WriteAllText(script, $$"""
            #!/bin/sh
            model=""; dpi=""
            while [ $# -gt 0 ]; do [ "$1" = "-l" ] && model="$2"; [ "$1" = "--dpi" ] && dpi="$2"; shift; done
            echo "start $model" >> '{{log}}'
            sleep {{sleepSeconds}}
            n=$(date +%s%N)
            cat > '{{_dir.FullName}}'/image-$model-$n.tif
            echo "image $model $(stat -c %s '{{_dir.FullName}}'/image-$model-$n.tif)" >> '{{log}}'
            printf '{{tsv}}\n1\t1\t0\t0\t0\t0\t0\t0\t1000\t500\t-1\t\n'
            if [ "$dpi" -le 100 ]; then printf '{{Rows(probeWords)}}'; else printf '{{Rows(pageWords)}}'; fi
            """.ReplaceLineEndings("\n"));
        if (OperatingSystem.IsLinux()) File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return script;
    }

    private static int Survivors(string script) =>
        Directory.EnumerateDirectories("/proc").Select(d => Path.Combine(d, "cmdline")).Where(File.Exists)
            .Select(f => { try { return File.ReadAllText(f); } catch (IOException) { return ""; } catch (UnauthorizedAccessException) { return ""; } })
            .Count(c => c.Contains(script, StringComparison.Ordinal));

    private static async Task WaitForAsync(Func<bool> condition)
    {
        var sw = Stopwatch.StartNew();
        while (!condition() && sw.Elapsed < TimeSpan.FromSeconds(10)) await Task.Delay(50);
        Assert.True(condition(), "timed out waiting");
    }

    private string[] Calls() => File.ReadAllLines(Path.Combine(_dir.FullName, "calls.log")).Select(l => string.Join(' ', l.Split(' ')[..2])).ToArray();

    [Fact]
    public async Task Engine_ProbesASmallStraightenedPageTop_ThenReadsThePreparedPage_AllThroughStandardInput()
    {
        // A good probe read (enough confident words for the page top), so no orientation check follows.
        var script = FakeTesseract("COMMERCIAL INVOICE Seller Buyer Consignee Exporter Invoice Date", "Invoice No 4711");
        var engine = new OcrEngine(new OcrOptions { TesseractPath = script });
        var bytes = EvalScans.Bytes("21-minimal-de-invoice.png");
        var scan = GrayImage.Decode(bytes, ImageHeader.Read(bytes))!;
        var temp = Directory.EnumerateDirectories(Path.GetTempPath(), "customsfn-ocr-*").Count();

        var page = Assert.Single(await engine.ReadImageAsync(bytes, 1, null, CancellationToken.None));

        Assert.Equal(("en", "eng"), (page.DetectedLanguage, page.Languages));
        Assert.Equal(["Invoice", "No", "4711"], page.Text.Words.Select(w => w.Text));
        // The probe's child, then the final read's, each started before its image was sent.
        Assert.Equal(["start eng", "image eng", "start eng", "image eng"], Calls());
        var images = Directory.EnumerateFiles(_dir.FullName, "image-eng-*.tif").Order(StringComparer.Ordinal)
            .Select(f => File.ReadAllBytes(f)).Select(b => GrayImage.Decode(b, ImageHeader.Read(b))!).ToList();
        var step = (int)Math.Round(scan.EffectiveDpi / 100.0);
        Assert.Equal((scan.Width + step - 1) / step, images[0].Width);
        Assert.InRange(images[0].Height, scan.Height * 0.2 / step - 1, scan.Height * 0.2 / step + 1);
        Assert.Equal((scan.Width, scan.Height), (images[1].Width, images[1].Height));
        // The prepared page: straightened (the scan is skewed), dust gone.
        Assert.True(page.Deskewed);
        Assert.InRange(Deskew.EstimateDegrees(images[1]), -0.3, 0.3);
        Assert.Equal(temp, Directory.EnumerateDirectories(Path.GetTempPath(), "customsfn-ocr-*").Count());
    }

    [Fact]
    public async Task Engine_CjkProbe_AsksTheJapaneseModelSecond_AndAKnownLanguageSkipsTheProbe()
    {
        // Reads with enough confident words for their area, so no orientation check follows.
        var script = FakeTesseract("商業送り状 株式会社ミナト精機 請求日 支払条件 原産国 数量",
            "請求番号 JPX-2026-00268 数量 単価 金額 合計 原産国 支払条件 請求日 送り状");
        var bytes = EvalScans.TopOfPagePng("12-sidebar-ja-invoice.png", 0.3);

        var ja = Assert.Single(await new OcrEngine(new OcrOptions { TesseractPath = script }).ReadImageAsync(bytes, 1, null, CancellationToken.None));
        Assert.Equal(("ja", "jpn+eng"), (ja.DetectedLanguage, ja.Languages));
        var fixedLanguage = Assert.Single(await new OcrEngine(new OcrOptions { TesseractPath = script, FixedLanguages = "deu" }).ReadImageAsync(bytes, 1, null, CancellationToken.None));
        Assert.Equal((null, "deu"), (fixedLanguage.DetectedLanguage, fixedLanguage.Languages));
        // Tesseract's calls are counted: the Chinese page is read by Tesseract (under Auto PaddleOCR would read it).
        var laterPage = Assert.Single(await new OcrEngine(new OcrOptions { TesseractPath = script, Engine = OcrEngineKind.Tesseract }).ReadImageAsync(bytes, 2, "chi_sim", CancellationToken.None));
        Assert.Equal((null, "chi_sim", 2), (laterPage.DetectedLanguage, laterPage.Languages, laterPage.Text.Number));

        Assert.Equal(["eng", "jpn", "jpn+eng", "deu", "chi_sim"], Calls().Where(c => c.StartsWith("image", StringComparison.Ordinal)).Select(c => c[6..]));
    }

    [Fact]
    public async Task Engine_PoorProbe_ReadsTheWholePageSmallInFourTurns_AndKeepsItWhenNoTurnIsClearlyBetter()
    {
        // Specks and single letters on a page top, as a turned page reads: no confident word, so the page may be
        // turned; every turn reads the same, so none is better.
        var script = FakeTesseract("I | ~ e . : ,", "Invoice No 4711");
        var bytes = EvalScans.Bytes("21-minimal-de-invoice.png");
        var scan = GrayImage.Decode(bytes, ImageHeader.Read(bytes))!;

        var page = Assert.Single(await new OcrEngine(new OcrOptions { TesseractPath = script }).ReadImageAsync(bytes, 1, null, CancellationToken.None));

        Assert.Equal(0, page.TurnedDegrees);
        // The probe (English, then Japanese: not Latin), four small reads with the English model, then the final read
        // with the Latin default.
        Assert.Equal(["eng", "jpn", "eng", "eng", "eng", "eng", "eng"], Calls().Where(c => c.StartsWith("image", StringComparison.Ordinal)).Select(c => c[6..]));
        var step = (int)Math.Round(scan.EffectiveDpi / 100.0);
        var sizes = Directory.EnumerateFiles(_dir.FullName, "image-eng-*.tif").Select(f => File.ReadAllBytes(f)).Select(b => ImageHeader.Read(b))
            .Select(h => (h.Width, h.Height)).ToList();
        (int, int) upright = ((scan.Width + step - 1) / step, (scan.Height + step - 1) / step);
        Assert.Equal(2, sizes.Count(s => s == upright));
        Assert.Equal(2, sizes.Count(s => s == (upright.Item2, upright.Item1)));
    }

    [Fact]
    public async Task Engine_Cancelled_LeavesNoChildBehind()
    {
        var script = FakeTesseract("COMMERCIAL INVOICE", "x", sleepSeconds: 60);
        var engine = new OcrEngine(new OcrOptions { TesseractPath = script });
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(1));

        var sw = Stopwatch.StartNew();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            engine.ReadImageAsync(EvalScans.TopOfPagePng("21-minimal-de-invoice.png", 0.2), 1, null, cts.Token));

        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(20), $"took {sw.Elapsed}");
        Assert.Equal(0, Survivors(script));
    }
}
