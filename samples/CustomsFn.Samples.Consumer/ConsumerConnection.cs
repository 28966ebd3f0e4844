using Azure.Identity;

namespace CustomsFn.Samples.Consumer;

/// <summary>
/// Where the consumer connects, from its arguments or environment, in the names the Functions app uses: queue and blob
/// service URIs with <c>DefaultAzureCredential</c> as deployed (<c>--queue-uri</c>/<c>--blob-uri</c>, or
/// <c>CustomsStorage__queueServiceUri</c>/<c>CustomsStorage__blobServiceUri</c>), else a connection string
/// (<c>--connection</c>, or <c>CustomsStorage</c>; default <c>UseDevelopmentStorage=true</c>, Azurite).
/// </summary>
public sealed record ConsumerConnection(string? ConnectionString, Uri? QueueServiceUri, Uri? BlobServiceUri)
{
    public const string Setting = "CustomsStorage";

    public static ConsumerConnection From(IReadOnlyList<string> args, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(environment);
        string? Arg(string name)
        {
            for (var i = 0; i + 1 < args.Count; i++) if (args[i] == name) return args[i + 1];
            return null;
        }
        var queue = Arg("--queue-uri") ?? environment(Setting + "__queueServiceUri");
        var blob = Arg("--blob-uri") ?? environment(Setting + "__blobServiceUri");
        if (queue is not null || blob is not null)
        {
            if (queue is null || blob is null)
                throw new ArgumentException("Give both the queue and the blob service URI (--queue-uri and --blob-uri, or CustomsStorage__queueServiceUri and CustomsStorage__blobServiceUri).");
            return new ConsumerConnection(null, AbsoluteHttps(queue, "queue"), AbsoluteHttps(blob, "blob"));
        }
        return new ConsumerConnection(Arg("--connection") ?? environment(Setting) ?? "UseDevelopmentStorage=true", null, null);
    }

    private static Uri AbsoluteHttps(string text, string what) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps
            ? uri
            : throw new ArgumentException($"The {what} service URI is an absolute https URI (https://<account>.{what}.core.windows.net), not '{text}'.");

    /// <summary>The consumer for this connection: token credential (<c>DefaultAzureCredential</c>) for URIs, else the connection string.</summary>
    public ResultConsumer CreateConsumer(ConsumerOptions? options = null) =>
        ConnectionString is not null
            ? new ResultConsumer(ConnectionString, options)
            : new ResultConsumer(QueueServiceUri!, BlobServiceUri!, new DefaultAzureCredential(), options);
}
