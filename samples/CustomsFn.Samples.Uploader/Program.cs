using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

// Usage: dotnet run --project samples/CustomsFn.Samples.Uploader -- <file|folder>... [--destination CC] [--connection "<connection string>"]
// Default connection: UseDevelopmentStorage=true (Azurite, as `customs serve` runs it). Blob names are the file names;
// --destination sets the blob metadata that overrides the documents' destination country.
var connection = Arg("--connection") ?? Environment.GetEnvironmentVariable("CustomsStorage") ?? "UseDevelopmentStorage=true";
var destination = Arg("--destination");
// Every argument that is neither an option nor an option's value is a path.
var paths = args.Where((a, i) => !a.StartsWith("--", StringComparison.Ordinal) && (i == 0 || !args[i - 1].StartsWith("--", StringComparison.Ordinal))).ToList();
if (paths.Count == 0)
{
    Console.Error.WriteLine("usage: CustomsFn.Samples.Uploader <file|folder>... [--destination CC] [--connection <connection string>]");
    return 2;
}

var container = new BlobContainerClient(connection, "incoming");
await container.CreateIfNotExistsAsync();
var files = paths.SelectMany(p => Directory.Exists(p) ? Directory.EnumerateFiles(p, "*", SearchOption.AllDirectories) : [p]).ToList();
foreach (var file in files)
{
    var options = new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = ContentType(file) } };
    if (destination is not null) options.Metadata = new Dictionary<string, string> { ["destination"] = destination.ToUpperInvariant() };
    await using var stream = File.OpenRead(file);
    await container.GetBlobClient(Path.GetFileName(file)).UploadAsync(stream, options);
    Console.WriteLine($"uploaded incoming/{Path.GetFileName(file)} ({new FileInfo(file).Length:N0} bytes)");
}
Console.WriteLine($"{files.Count} file(s) uploaded; results arrive on the customs-results queue.");
return 0;

string? Arg(string name)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}

static string ContentType(string file) => Path.GetExtension(file).ToLowerInvariant() switch
{
    ".xml" => "application/xml",
    ".pdf" => "application/pdf",
    ".png" => "image/png",
    ".jpg" or ".jpeg" => "image/jpeg",
    ".tif" or ".tiff" => "image/tiff",
    _ => "application/octet-stream",
};
