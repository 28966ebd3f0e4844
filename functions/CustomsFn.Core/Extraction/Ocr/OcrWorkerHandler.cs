using CustomsFn.Core.Foundation;
using CustomsFn.Core.Isolation;

namespace CustomsFn.Core.Extraction.Ocr;

/// <summary>
/// The OCR worker's side: image files decoded to gray pixels (so that a decoder's memory or a decoder fault is the
/// worker's, never the host's), and libtesseract loaded once, and up to the request's number of models kept loaded (least
/// recently used first out), so a page costs its recognition only, not the start of a process and the loading of a
/// model (which the <c>tesseract</c> command pays on every page). One page at a time, on a thread with an 8 MiB stack
/// (the stack Tesseract has as a command).
/// </summary>
public sealed class OcrWorkerHandler : IWorkerHandler
{
    private const int StackBytes = 8 * 1024 * 1024;
    private readonly LinkedList<TesseractLibrary.Model> _models = [];
    private TesseractLibrary? _library;

    public ReadOnlyMemory<byte> Ready => OcrWorkerProtocol.Ready;

    /// <summary>A page of at most the default pixel limit (60 megapixels) and its header.</summary>
    public int MaxRequestBytes => 256 * 1024 * 1024;

    /// <summary>Loads libtesseract. The pool starts workers with OMP_THREAD_LIMIT=1 in their environment (Tesseract's OpenMP threads make it several times slower on shared cores).</summary>
    public string? Initialize()
    {
        try
        {
            _library = TesseractLibrary.Load();
            return null;
        }
        catch (OcrUnavailableException ex)
        {
            return ex.Message;
        }
    }

    public (TimeSpan Deadline, Task<(byte[] Response, bool Retire)> Work) Start(byte[] request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (OcrWorkerProtocol.ParseDecode(request) is { } d)
            return (d.Deadline, IsolationWorker.OnThread(() => DecodeImage(d.Image), StackBytes, "image-decode"));
        if (OcrWorkerProtocol.Parse(request) is not { } r)
            return (TimeSpan.Zero, Task.FromResult((OcrWorkerProtocol.Failure(OcrWorkerProtocol.Failed, "Malformed request to the OCR worker."), false)));
        return (r.Deadline, IsolationWorker.OnThread(() => Handle(r.Languages, r.MaxModels, r.Pixels.Span, r.Width, r.Height, r.Dpi, r.Psm), StackBytes, "ocr-page"));
    }

    private (byte[] Response, bool Retire) Handle(string languages, int maxModels, ReadOnlySpan<byte> pixels, int width, int height, int dpi, int psm)
    {
        if (_library is null) return (OcrWorkerProtocol.Failure(OcrWorkerProtocol.Unavailable, "The OCR worker was not initialised."), false);
        try
        {
            var model = Model(languages, maxModels);
            return (OcrWorkerProtocol.Ok(_library.Version, model.RecognizeTsv(pixels, width, height, dpi, psm)), false);
        }
        catch (TesseractFailedException ex)
        {
            return (OcrWorkerProtocol.Failure(OcrWorkerProtocol.Failed, ex.Message), false);
        }
        catch (OutOfMemoryException)
        {
            return (OcrWorkerProtocol.Failure(OcrWorkerProtocol.Failed, "The OCR worker ran out of memory on this page.", retiring: true), true);
        }
    }

    /// <summary>
    /// Decodes an image file to gray, refusing it as the host would (<c>INPUT-CORRUPT-IMAGE</c>, <c>INPUT-IMAGE-LIMITS</c>);
    /// a decoder that runs out of memory retires the worker. The host has checked the header's limits before sending.
    /// </summary>
    internal static (byte[] Response, bool Retire) DecodeImage(ReadOnlyMemory<byte> image)
    {
        try
        {
            return (OcrWorkerProtocol.Decoded(GrayImage.Decode(image.Span, ImageHeader.Read(image.Span))), false);
        }
        catch (DocumentRejectedException ex)
        {
            return (OcrWorkerProtocol.Failure(ex.Code, ex.Message), false);
        }
        catch (OutOfMemoryException)
        {
            return (OcrWorkerProtocol.Failure(InputCodes.ImageLimits, "Decoding the image needs more memory than an image worker has.", retiring: true), true);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return (OcrWorkerProtocol.Failure(InputCodes.CorruptImage, "The image cannot be decoded: " + ex.Message), false);
        }
    }

    /// <summary>The loaded model for these languages, loading it (and unloading the least recently used beyond <paramref name="maxModels"/>).</summary>
    private TesseractLibrary.Model Model(string languages, int maxModels)
    {
        for (var node = _models.First; node is not null; node = node.Next)
        {
            if (node.Value.Languages != languages) continue;
            _models.Remove(node);
            _models.AddFirst(node);
            return node.Value;
        }
        var model = _library!.CreateModel(languages);
        _models.AddFirst(model);
        while (_models.Count > maxModels)
        {
            var last = _models.Last!.Value;
            _models.RemoveLast();
            last.Dispose();
        }
        return model;
    }
}
