using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using CustomsFn.Core.Contract;
using Microsoft.Extensions.Configuration;

namespace CustomsFn.Infrastructure.Storage;

/// <summary>
/// Creates storage clients from the <c>CustomsStorage</c> connection the same way the Functions host does: a connection
/// string (<c>UseDevelopmentStorage=true</c> locally), or identity-based service URIs
/// (<c>CustomsStorage__blobServiceUri</c>, <c>__queueServiceUri</c>, <c>__tableServiceUri</c>) with DefaultAzureCredential.
/// </summary>
public sealed class StorageClients
{
    private readonly string? _connectionString;
    private readonly Uri? _blobUri, _queueUri, _tableUri;
    private readonly TokenCredential? _credential;

    public StorageClients(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        _connectionString = connectionString;
    }

    public StorageClients(Uri blobServiceUri, Uri queueServiceUri, Uri tableServiceUri, TokenCredential credential)
    {
        _blobUri = blobServiceUri; _queueUri = queueServiceUri; _tableUri = tableServiceUri; _credential = credential;
    }

    public static StorageClients FromConfiguration(IConfiguration configuration, string connectionName = StorageNames.ConnectionName)
    {
        var connectionString = configuration[connectionName] ?? configuration.GetConnectionString(connectionName);
        if (!string.IsNullOrWhiteSpace(connectionString)) return new StorageClients(connectionString);
        var section = configuration.GetSection(connectionName);
        var blob = section["blobServiceUri"];
        var queue = section["queueServiceUri"];
        var table = section["tableServiceUri"];
        if (blob is null || queue is null || table is null)
            throw new InvalidOperationException(
                $"Storage connection '{connectionName}' is not configured: set '{connectionName}' to a connection string, or '{connectionName}__blobServiceUri', '__queueServiceUri' and '__tableServiceUri'.");
        return new StorageClients(new Uri(blob), new Uri(queue), new Uri(table), new DefaultAzureCredential());
    }

    private BlobServiceClient? _blobs;
    private QueueServiceClient? _queues;
    private TableServiceClient? _tables;

    /// <summary>The blob service client: created once and shared (clients are thread-safe), or a new one for other <paramref name="options"/>.</summary>
    public BlobServiceClient Blobs(BlobClientOptions? options = null) => options is null
        ? LazyInitializer.EnsureInitialized(ref _blobs, () => NewBlobs(null))
        : NewBlobs(options);

    private BlobServiceClient NewBlobs(BlobClientOptions? options) => _connectionString is not null
        ? new BlobServiceClient(_connectionString, options)
        : new BlobServiceClient(_blobUri!, _credential!, options);

    /// <summary>Queue clients encode messages as base64, the Functions queue trigger's default: consumers decode base64 then UTF-8 JSON.</summary>
    public QueueServiceClient Queues(QueueClientOptions? options = null) => options is null
        ? LazyInitializer.EnsureInitialized(ref _queues, () => NewQueues(new QueueClientOptions()))
        : NewQueues(options);

    private QueueServiceClient NewQueues(QueueClientOptions options)
    {
        options.MessageEncoding = QueueMessageEncoding.Base64;
        return _connectionString is not null
            ? new QueueServiceClient(_connectionString, options)
            : new QueueServiceClient(_queueUri!, _credential!, options);
    }

    public TableServiceClient Tables(TableClientOptions? options = null) => options is null
        ? LazyInitializer.EnsureInitialized(ref _tables, () => NewTables(null))
        : NewTables(options);

    private TableServiceClient NewTables(TableClientOptions? options) => _connectionString is not null
        ? new TableServiceClient(_connectionString, options)
        : new TableServiceClient(_tableUri!, _credential!, options);

    /// <summary>Creates the containers, queues and table the product uses (locally; in Azure the Bicep template does).</summary>
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        var blobs = Blobs();
        await blobs.GetBlobContainerClient(StorageNames.IncomingContainer).CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        await blobs.GetBlobContainerClient(StorageNames.ResultsContainer).CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        var queues = Queues();
        await queues.GetQueueClient(StorageNames.ResultsQueue).CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        await queues.GetQueueClient(StorageNames.ReviewQueue).CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        await Tables().GetTableClient(StorageNames.AuditTable).CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
    }
}
