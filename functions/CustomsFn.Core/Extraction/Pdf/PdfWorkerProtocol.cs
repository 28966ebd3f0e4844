using System.Buffers.Binary;
using CustomsFn.Core.Isolation;

namespace CustomsFn.Core.Extraction.Pdf;

/// <summary>The frames between host and PDF worker, and the worker's handling of one request.</summary>
public static class PdfWorkerProtocol
{
    /// <summary>The worker kind (<c>APP --customsfn-isolate pdf</c>).</summary>
    public const string Kind = "pdf";

    /// <summary>The first frame a worker sends.</summary>
    public static readonly byte[] Ready = "customsfn-pdf-worker/1"u8.ToArray();

    /// <summary>Largest request frame (an upload is at most <c>Pipeline:MaxUploadBytes</c>, 50 MiB by default).</summary>
    public const int MaxRequestBytes = int.MaxValue - 64;

    /// <summary>Largest response frame (words and scan images of up to 500 pages).</summary>
    public const int MaxResponseBytes = 1024 * 1024 * 1024;

    private const byte StatusOk = 0, StatusRejected = 1, StatusRejectedRetiring = WorkerPool.RetiringStatus;

    /// <summary>Request: deadline (ms), image limits, then the PDF bytes.</summary>
    public static byte[] Request(ReadOnlyMemory<byte> pdf, PdfReadLimits limits, TimeSpan deadline)
    {
        ArgumentNullException.ThrowIfNull(limits);
        var buffer = new byte[24 + pdf.Length];
        BinaryPrimitives.WriteInt32LittleEndian(buffer, (int)Math.Clamp(deadline.TotalMilliseconds, 1, int.MaxValue));
        BinaryPrimitives.WriteInt64LittleEndian(buffer.AsSpan(4), limits.MaxImagePixels);
        BinaryPrimitives.WriteInt32LittleEndian(buffer.AsSpan(12), limits.MaxImageSide);
        BinaryPrimitives.WriteInt32LittleEndian(buffer.AsSpan(16), limits.MaxImagePages);
        pdf.Span.CopyTo(buffer.AsSpan(24));
        return buffer;
    }

    /// <summary>
    /// Starts reading the request's PDF on a thread with <see cref="IsolationWorker.WorkerStackBytes"/> of stack; the task
    /// gives the response frame and whether the worker should retire afterwards (it ran out of memory).
    /// </summary>
    public static (TimeSpan Deadline, Task<(byte[] Response, bool Retire)> Work) Start(byte[] request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Length < 24) return (TimeSpan.Zero, Task.FromResult((Rejected(InputCodes.Unprocessable, "Malformed request to the PDF worker."), false)));
        var deadline = TimeSpan.FromMilliseconds(BinaryPrimitives.ReadInt32LittleEndian(request));
        var limits = new PdfReadLimits(BinaryPrimitives.ReadInt64LittleEndian(request.AsSpan(4)),
            BinaryPrimitives.ReadInt32LittleEndian(request.AsSpan(12)), BinaryPrimitives.ReadInt32LittleEndian(request.AsSpan(16)));
        var pdf = new ReadOnlyMemory<byte>(request, 24, request.Length - 24);
        return (deadline, IsolationWorker.OnThread(() => Handle(pdf, limits), IsolationWorker.WorkerStackBytes, "pdf-read"));
    }

    /// <summary>Reads one PDF and encodes the answer (the worker's whole job for one request, on the calling thread).</summary>
    public static (byte[] Response, bool Retire) Handle(ReadOnlyMemory<byte> pdf, PdfReadLimits limits)
    {
        try
        {
            var readout = PdfReadout.Read(pdf, limits, CancellationToken.None);
            using var buffer = new MemoryStream();
            using (var writer = new BinaryWriter(buffer, PdfReadout.Utf8, leaveOpen: true))
            {
                writer.Write(StatusOk);
                readout.Write(writer);
            }
            return (buffer.ToArray(), false);
        }
        catch (DocumentRejectedException ex)
        {
            return (Rejected(ex.Code, ex.Message), false);
        }
        catch (OutOfMemoryException)
        {
            return (Rejected(InputCodes.PdfLimits, "Reading the PDF needed more memory than the PDF worker's limit; it was refused.", StatusRejectedRetiring), true);
        }
#pragma warning disable CA1031 // The worker answers every request: an unexpected parser exception is a rejection, not a dead worker.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return (Rejected(InputCodes.CorruptPdf, $"The PDF cannot be parsed ({ex.GetType().Name}); it may be damaged or truncated."), false);
        }
    }

    private static byte[] Rejected(string code, string message, byte status = StatusRejected)
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, PdfReadout.Utf8, leaveOpen: true))
        {
            writer.Write(status);
            writer.Write(code);
            writer.Write(message);
        }
        return buffer.ToArray();
    }

    /// <summary>Decodes a response: the readout, or throws the rejection it carries.</summary>
    public static PdfReadout Decode(byte[] response)
    {
        ArgumentNullException.ThrowIfNull(response);
        using var reader = new BinaryReader(new MemoryStream(response, writable: false), PdfReadout.Utf8);
        var status = reader.ReadByte();
        if (status == StatusOk) return PdfReadout.Parse(reader);
        if (status is not StatusRejected and not StatusRejectedRetiring) throw new InvalidDataException("Unknown PDF worker response.");
        var code = reader.ReadString();
        var message = reader.ReadString();
        throw new DocumentRejectedException(code.StartsWith("INPUT-", StringComparison.Ordinal) ? code : InputCodes.Unprocessable, message);
    }

    /// <summary>True for the answer a worker sends just before it exits (it ran out of memory).</summary>
    public static bool IsRetiring(byte[] response) => response is [StatusRejectedRetiring, ..];
}
