using System.Buffers.Binary;
using System.Text;
using CustomsFn.Core.Isolation;

namespace CustomsFn.Core.Extraction.Ocr;

/// <summary>
/// The frames between the host and the OCR worker (<c>APP --customsfn-isolate ocr</c>). Two requests:
/// <list type="bullet">
/// <item>Recognise: deadline (ms), page segmentation mode, dpi, width, height, most models to keep loaded, the Tesseract
/// languages, then the page's 8-bit gray pixels row by row. Response: status 0, libtesseract's version and the TSV rows.</item>
/// <item>Decode (the image decoders run in the worker, never in the host): the marker -1, deadline (ms), then the image
/// file (PNG, JPEG, TIFF). Response: status 0, 1 and width, height, dpi (NaN: none) and the gray pixels; or status 0, 0
/// when only Tesseract can decode the file (multi-page or CCITT TIFF).</item>
/// </list>
/// A failed request answers status 1 (or 2: the worker exits after it), an error code and message; a decode refused by the
/// image checks answers its <c>INPUT-*</c> code.
/// </summary>
public static class OcrWorkerProtocol
{
    public const string Kind = "ocr";

    /// <summary>The first frame an OCR worker sends once libtesseract is loaded.</summary>
    public static readonly byte[] Ready = "customsfn-ocr-worker/1"u8.ToArray();

    private const int HeaderBytes = 24;
    private const byte StatusOk = 0, StatusFailed = 1, StatusFailedRetiring = WorkerPool.RetiringStatus;

    /// <summary>Error codes of a failed response.</summary>
    public const string Failed = "failed", Unavailable = "unavailable";

    public static byte[] Request(GrayImage page, string languages, int dpi, int pageSegmentationMode, int maxModels, TimeSpan deadline)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentException.ThrowIfNullOrWhiteSpace(languages);
        var language = Encoding.UTF8.GetBytes(languages);
        var buffer = new byte[HeaderBytes + 4 + language.Length + page.Pixels.Length];
        var span = buffer.AsSpan();
        BinaryPrimitives.WriteInt32LittleEndian(span, (int)Math.Clamp(deadline.TotalMilliseconds, 1, int.MaxValue));
        BinaryPrimitives.WriteInt32LittleEndian(span[4..], pageSegmentationMode);
        BinaryPrimitives.WriteInt32LittleEndian(span[8..], dpi);
        BinaryPrimitives.WriteInt32LittleEndian(span[12..], page.Width);
        BinaryPrimitives.WriteInt32LittleEndian(span[16..], page.Height);
        BinaryPrimitives.WriteInt32LittleEndian(span[20..], maxModels);
        BinaryPrimitives.WriteInt32LittleEndian(span[24..], language.Length);
        language.CopyTo(span[28..]);
        page.Pixels.CopyTo(span[(28 + language.Length)..]);
        return buffer;
    }

    private const int DecodeMarker = -1;
    private const int DecodeHeaderBytes = 8;
    private const int DecodedHeaderBytes = 2 + 4 + 4 + 8;

    /// <summary>A request to decode <paramref name="image"/> to gray pixels in the worker.</summary>
    public static byte[] DecodeRequest(ReadOnlySpan<byte> image, TimeSpan deadline)
    {
        var buffer = new byte[DecodeHeaderBytes + image.Length];
        BinaryPrimitives.WriteInt32LittleEndian(buffer, DecodeMarker);
        BinaryPrimitives.WriteInt32LittleEndian(buffer.AsSpan(4), (int)Math.Clamp(deadline.TotalMilliseconds, 1, int.MaxValue));
        image.CopyTo(buffer.AsSpan(DecodeHeaderBytes));
        return buffer;
    }

    /// <summary>The deadline and image of a decode request; null when <paramref name="request"/> is not one.</summary>
    internal static (TimeSpan Deadline, ReadOnlyMemory<byte> Image)? ParseDecode(byte[] request)
    {
        if (request.Length < DecodeHeaderBytes || BinaryPrimitives.ReadInt32LittleEndian(request) != DecodeMarker) return null;
        var deadline = TimeSpan.FromMilliseconds(Math.Max(1, BinaryPrimitives.ReadInt32LittleEndian(request.AsSpan(4))));
        return (deadline, request.AsMemory(DecodeHeaderBytes));
    }

    /// <summary>The answer to a decode request: the page, or null when only Tesseract can decode the file.</summary>
    internal static byte[] Decoded(GrayImage? page)
    {
        if (page is null) return [StatusOk, 0];
        var buffer = new byte[DecodedHeaderBytes + page.Pixels.Length];
        buffer[0] = StatusOk;
        buffer[1] = 1;
        BinaryPrimitives.WriteInt32LittleEndian(buffer.AsSpan(2), page.Width);
        BinaryPrimitives.WriteInt32LittleEndian(buffer.AsSpan(6), page.Height);
        BinaryPrimitives.WriteDoubleLittleEndian(buffer.AsSpan(10), page.Dpi ?? double.NaN);
        page.Pixels.CopyTo(buffer.AsSpan(DecodedHeaderBytes));
        return buffer;
    }

    /// <summary>
    /// Decodes the answer to a decode request: the page, or null when only Tesseract can decode the file. Throws
    /// <see cref="DocumentRejectedException"/> with the worker's code when the image checks refused it,
    /// <see cref="OcrUnavailableException"/> when the worker cannot serve, <see cref="InvalidDataException"/> when the
    /// answer is malformed.
    /// </summary>
    public static GrayImage? DecodeImageResponse(byte[] response)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (response.Length >= 2 && response[0] == StatusOk)
        {
            if (response[1] == 0 && response.Length == 2) return null;
            if (response[1] != 1 || response.Length < DecodedHeaderBytes) throw new InvalidDataException("Malformed decode answer from the OCR worker.");
            var width = BinaryPrimitives.ReadInt32LittleEndian(response.AsSpan(2));
            var height = BinaryPrimitives.ReadInt32LittleEndian(response.AsSpan(6));
            var dpi = BinaryPrimitives.ReadDoubleLittleEndian(response.AsSpan(10));
            if (width <= 0 || height <= 0 || (long)width * height != response.Length - DecodedHeaderBytes)
                throw new InvalidDataException("Malformed decode answer from the OCR worker.");
            return new GrayImage(width, height, response[DecodedHeaderBytes..], double.IsNaN(dpi) ? null : dpi);
        }
        var (code, message) = ReadFailure(response);
        if (code == Unavailable) throw new OcrUnavailableException(message);
        if (code.StartsWith("INPUT-", StringComparison.Ordinal)) throw new DocumentRejectedException(code, message);
        throw new InvalidDataException("The OCR worker could not decode the image: " + message);
    }

    /// <summary>A decoded request; null when the frame is malformed.</summary>
    internal static (TimeSpan Deadline, int Psm, int Dpi, int Width, int Height, int MaxModels, string Languages, ReadOnlyMemory<byte> Pixels)? Parse(byte[] request)
    {
        if (request.Length < HeaderBytes + 4) return null;
        var span = request.AsSpan();
        var deadline = TimeSpan.FromMilliseconds(BinaryPrimitives.ReadInt32LittleEndian(span));
        var psm = BinaryPrimitives.ReadInt32LittleEndian(span[4..]);
        var dpi = BinaryPrimitives.ReadInt32LittleEndian(span[8..]);
        var width = BinaryPrimitives.ReadInt32LittleEndian(span[12..]);
        var height = BinaryPrimitives.ReadInt32LittleEndian(span[16..]);
        var maxModels = BinaryPrimitives.ReadInt32LittleEndian(span[20..]);
        var languageLength = BinaryPrimitives.ReadInt32LittleEndian(span[24..]);
        if (languageLength is <= 0 or > 256 || 28 + languageLength > request.Length) return null;
        var languages = Encoding.UTF8.GetString(span.Slice(28, languageLength));
        var pixels = new ReadOnlyMemory<byte>(request, 28 + languageLength, request.Length - 28 - languageLength);
        if (width <= 0 || height <= 0 || (long)width * height != pixels.Length || psm is < 0 or > 13 || dpi is < 1 or > 2400) return null;
        return (deadline, psm, dpi, width, height, Math.Max(1, maxModels), languages, pixels);
    }

    internal static byte[] Ok(string version, string tsv)
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(StatusOk);
            writer.Write(version);
            writer.Write(tsv);
        }
        return buffer.ToArray();
    }

    internal static byte[] Failure(string code, string message, bool retiring = false)
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(retiring ? StatusFailedRetiring : StatusFailed);
            writer.Write(code);
            writer.Write(message);
        }
        return buffer.ToArray();
    }

    /// <summary>Decodes a response: libtesseract's version and the TSV, or throws <see cref="TesseractFailedException"/> with the worker's message.</summary>
    public static (string Version, string Tsv) Decode(byte[] response)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (response.Length > 0 && response[0] == StatusOk)
        {
            using var reader = new BinaryReader(new MemoryStream(response, 1, response.Length - 1, writable: false), Encoding.UTF8);
            return (reader.ReadString(), reader.ReadString());
        }
        var (code, message) = ReadFailure(response);
        if (code == Unavailable) throw new OcrUnavailableException(message);
        throw new TesseractFailedException(message);
    }

    private static (string Code, string Message) ReadFailure(byte[] response)
    {
        if (response.Length == 0) throw new InvalidDataException("Empty OCR worker response.");
        using var reader = new BinaryReader(new MemoryStream(response, writable: false), Encoding.UTF8);
        var status = reader.ReadByte();
        if (status is not StatusFailed and not StatusFailedRetiring) throw new InvalidDataException("Unknown OCR worker response.");
        return (reader.ReadString(), reader.ReadString());
    }
}
