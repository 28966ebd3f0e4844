using System.Buffers.Binary;

namespace CustomsFn.Core.Isolation;

/// <summary>The frames between a host and its workers: a 4-byte little-endian length and that many bytes.</summary>
public static class WorkerFrames
{
    public static async Task WriteAsync(Stream stream, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var header = new byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(header, payload.Length);
        await stream.WriteAsync(header, cancellationToken).ConfigureAwait(false);
        await stream.WriteAsync(payload, cancellationToken).ConfigureAwait(false);
        await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The next frame, or null when the stream ends cleanly before one. Throws <see cref="InvalidDataException"/> on a cut or oversized frame.</summary>
    public static async Task<byte[]?> ReadAsync(Stream stream, int maxBytes)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var header = new byte[4];
        var got = await stream.ReadAtLeastAsync(header, 4, throwOnEndOfStream: false).ConfigureAwait(false);
        if (got == 0) return null;
        if (got < 4) throw new InvalidDataException("The stream ended inside a frame header.");
        var length = BinaryPrimitives.ReadInt32LittleEndian(header);
        if (length < 0 || length > maxBytes) throw new InvalidDataException($"Frame of {length} bytes refused.");
        var payload = new byte[length];
        if (await stream.ReadAtLeastAsync(payload, length, throwOnEndOfStream: false).ConfigureAwait(false) < length)
            throw new InvalidDataException("The stream ended inside a frame.");
        return payload;
    }
}
