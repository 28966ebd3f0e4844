using System.Text;

namespace CustomsFn.Api;

/// <summary>Request bodies read with a size bound: nothing past the bound is buffered.</summary>
internal static class RequestBody
{
    /// <summary>The body as UTF-8 text, or null when it is longer than <paramref name="max"/> bytes.</summary>
    public static async Task<string?> ReadTextAsync(Stream body, int max, CancellationToken cancellationToken)
    {
        var bytes = await ReadBytesAsync(body, max, cancellationToken).ConfigureAwait(false);
        return bytes is null ? null : Encoding.UTF8.GetString(bytes);
    }

    /// <summary>The body's bytes, or null as soon as it is longer than <paramref name="max"/>.</summary>
    public static async Task<byte[]?> ReadBytesAsync(Stream body, long max, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int n;
        while ((n = await body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + n > max) return null;
            buffer.Write(chunk, 0, n);
        }
        return buffer.ToArray();
    }
}
