using System.Buffers.Binary;
using System.Text;
using CustomsFn.Core.Isolation;

namespace CustomsFn.Core.Extraction.Ocr;

/// <summary>
/// The frames between the host and the OCR worker (<c>APP --customsfn-isolate ocr</c>). Request: deadline (ms), page
/// segmentation mode, dpi, width, height, most models to keep loaded, the Tesseract languages, then the page's 8-bit
/// gray pixels row by row. Response: status 0, libtesseract's version and the TSV rows; status 1 (or 2: the worker exits
/// after it), an error code and message.
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
        using var reader = new BinaryReader(new MemoryStream(response, writable: false), Encoding.UTF8);
        var status = reader.ReadByte();
        if (status == StatusOk) return (reader.ReadString(), reader.ReadString());
        if (status is not StatusFailed and not StatusFailedRetiring) throw new InvalidDataException("Unknown OCR worker response.");
        var code = reader.ReadString();
        var message = reader.ReadString();
        if (code == Unavailable) throw new OcrUnavailableException(message);
        throw new TesseractFailedException(message);
    }
}
