using System.Runtime.InteropServices;
using System.Text;

namespace CustomsFn.Core.Extraction.Ocr;

/// <summary>
/// Tesseract's C API (<c>capi.h</c> of libtesseract 4/5), bound at run time: the OCR worker process loads the library
/// the Debian <c>tesseract-ocr</c> package installs (<c>libtesseract.so.5</c>) and keeps its models loaded between
/// pages. Used only in the OCR worker (<see cref="OcrWorkerHandler"/>), never in the host: a crash in native code ends
/// the worker, not the host.
/// </summary>
internal sealed unsafe class TesseractLibrary
{
    /// <summary>Environment variable naming the library file to load instead of the usual names (set from <see cref="OcrOptions.LibraryPath"/>).</summary>
    public const string PathVariable = "CUSTOMSFN_TESSERACT_LIBRARY";

    private static readonly string[] Candidates =
        ["libtesseract.so.5", "libtesseract.so.4", "libtesseract.so", "libtesseract.5.dylib", "libtesseract.dylib", "tesseract53.dll", "libtesseract-5.dll"];

    private readonly delegate* unmanaged<nint> _create;
    private readonly delegate* unmanaged<nint, void> _delete;
    private readonly delegate* unmanaged<nint, byte*, byte*, int> _init3;
    private readonly delegate* unmanaged<nint, int, void> _setPageSegMode;
    private readonly delegate* unmanaged<nint, byte*, int, int, int, int, void> _setImage;
    private readonly delegate* unmanaged<nint, int, void> _setSourceResolution;
    private readonly delegate* unmanaged<nint, nint, int> _recognize;
    private readonly delegate* unmanaged<nint, int, nint> _getTsvText;
    private readonly delegate* unmanaged<nint, void> _deleteText;
    private readonly delegate* unmanaged<nint, void> _clear;

    private TesseractLibrary(nint library)
    {
        _create = (delegate* unmanaged<nint>)NativeLibrary.GetExport(library, "TessBaseAPICreate");
        _delete = (delegate* unmanaged<nint, void>)NativeLibrary.GetExport(library, "TessBaseAPIDelete");
        _init3 = (delegate* unmanaged<nint, byte*, byte*, int>)NativeLibrary.GetExport(library, "TessBaseAPIInit3");
        _setPageSegMode = (delegate* unmanaged<nint, int, void>)NativeLibrary.GetExport(library, "TessBaseAPISetPageSegMode");
        _setImage = (delegate* unmanaged<nint, byte*, int, int, int, int, void>)NativeLibrary.GetExport(library, "TessBaseAPISetImage");
        _setSourceResolution = (delegate* unmanaged<nint, int, void>)NativeLibrary.GetExport(library, "TessBaseAPISetSourceResolution");
        _recognize = (delegate* unmanaged<nint, nint, int>)NativeLibrary.GetExport(library, "TessBaseAPIRecognize");
        _getTsvText = (delegate* unmanaged<nint, int, nint>)NativeLibrary.GetExport(library, "TessBaseAPIGetTsvText");
        _deleteText = (delegate* unmanaged<nint, void>)NativeLibrary.GetExport(library, "TessDeleteText");
        _clear = (delegate* unmanaged<nint, void>)NativeLibrary.GetExport(library, "TessBaseAPIClear");
        var version = (delegate* unmanaged<nint>)NativeLibrary.GetExport(library, "TessVersion");
        Version = Marshal.PtrToStringUTF8(version()) ?? "unknown";
    }

    /// <summary>The library's version, e.g. "5.3.0".</summary>
    public string Version { get; }

    /// <summary>Loads libtesseract (the file in <see cref="PathVariable"/>, else the usual names); throws <see cref="OcrUnavailableException"/> when there is none.</summary>
    public static TesseractLibrary Load()
    {
        var configured = Environment.GetEnvironmentVariable(PathVariable);
        var names = string.IsNullOrWhiteSpace(configured) ? Candidates : [configured];
        foreach (var name in names)
        {
            if (!NativeLibrary.TryLoad(name, out var handle)) continue;
            try
            {
                return new TesseractLibrary(handle);
            }
            catch (EntryPointNotFoundException ex)
            {
                throw new OcrUnavailableException($"'{name}' is not a Tesseract 4 or 5 library ({ex.Message}).", ex);
            }
        }
        throw new OcrUnavailableException(
            $"libtesseract was not found (tried {string.Join(", ", names)}). Install Debian tesseract-ocr (bash scripts/bootstrap.sh --ocr) or set Pipeline:Ocr:LibraryPath.");
    }

    /// <summary>A recogniser with <paramref name="languages"/> loaded (e.g. "eng" or "eng+deu"), from the default tessdata folder or TESSDATA_PREFIX.</summary>
    public Model CreateModel(string languages)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(languages);
        var api = _create();
        if (api == 0) throw new OutOfMemoryException("TessBaseAPICreate returned null.");
        var language = Utf8(languages);
        int status;
        fixed (byte* l = language) status = _init3(api, null, l);
        if (status != 0)
        {
            _delete(api);
            throw new TesseractFailedException($"The Tesseract model '{languages}' cannot be loaded (is its traineddata installed?).");
        }
        return new Model(this, api, languages);
    }

    private static byte[] Utf8(string s)
    {
        var bytes = new byte[Encoding.UTF8.GetByteCount(s) + 1];
        Encoding.UTF8.GetBytes(s, bytes);
        return bytes;
    }

    /// <summary>One initialised TessBaseAPI: not thread-safe; one page at a time.</summary>
    public sealed class Model(TesseractLibrary library, nint api, string languages) : IDisposable
    {
        private nint _api = api;

        public string Languages { get; } = languages;

        /// <summary>
        /// Recognises an 8-bit gray page (0 black, rows of <paramref name="width"/> bytes) and returns Tesseract's TSV rows
        /// (the same rows as <c>tesseract ... tsv</c> prints, without its header line).
        /// </summary>
        public string RecognizeTsv(ReadOnlySpan<byte> gray, int width, int height, int dpi, int pageSegmentationMode)
        {
            ObjectDisposedException.ThrowIf(_api == 0, this);
            if (width <= 0 || height <= 0 || (long)width * height != gray.Length)
                throw new ArgumentException("The pixel count does not match the page size.", nameof(gray));
            library._setPageSegMode(_api, pageSegmentationMode);
            fixed (byte* pixels = gray) library._setImage(_api, pixels, width, height, 1, width);
            library._setSourceResolution(_api, dpi);
            try
            {
                if (library._recognize(_api, 0) != 0) throw new TesseractFailedException("Tesseract could not recognise the page.");
                var text = library._getTsvText(_api, 0);
                if (text == 0) throw new TesseractFailedException("Tesseract returned no TSV for the page.");
                try
                {
                    return Marshal.PtrToStringUTF8(text) ?? "";
                }
                finally
                {
                    library._deleteText(text);
                }
            }
            finally
            {
                // Frees the page image and the recognition results; the model stays loaded.
                library._clear(_api);
            }
        }

        public void Dispose()
        {
            if (_api == 0) return;
            library._delete(_api);
            _api = 0;
        }
    }
}
