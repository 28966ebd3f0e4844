using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;

namespace CustomsFn.Core.Tariffs;

/// <summary>
/// What the packs in their own row formats (UK preferences, US additional duties) share with the tariff packs: a format
/// line, a header of provenance fields, a blank line, tab-separated rows; gzip with no timestamp, so builds are byte-identical.
/// </summary>
internal static class SidePack
{
    /// <summary>Writes the pack deterministically (fixed header order, LF line ends).</summary>
    public static void Write(Stream output, string formatId, PackProvenance p, string columns, IEnumerable<string> rows)
    {
        var text = new StringBuilder();
        text.Append(formatId).Append('\n');
        void H(string k, string v) => text.Append(k).Append('\t').Append(TariffPack.Clean(v)).Append('\n');
        H("id", p.Id);
        H("title", p.Title);
        H("source", p.Source);
        H("licence", p.Licence);
        H("revision", p.Revision);
        H("effective", p.EffectiveFrom.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        H("sha256", p.SourceSha256);
        H("columns", columns);
        text.Append('\n');
        foreach (var row in rows) text.Append(row).Append('\n');
        using var gz = new GZipStream(output, CompressionLevel.SmallestSize, leaveOpen: true);
        gz.Write(Encoding.UTF8.GetBytes(text.ToString()));
    }

    /// <summary>Opens a pack: checks the format line and reads the provenance header; the reader is left on the first row.</summary>
    public static (StreamReader Reader, PackProvenance Provenance) Open(Stream gz, string formatId, string kind, string country)
    {
        var reader = new StreamReader(new GZipStream(gz, CompressionMode.Decompress, leaveOpen: true), Encoding.UTF8);
        if (reader.ReadLine() != formatId)
        {
            reader.Dispose();
            throw new InvalidDataException($"Not a {kind} pack (expected '{formatId}').");
        }
        var header = new Dictionary<string, string>(StringComparer.Ordinal);
        string? line;
        while ((line = reader.ReadLine()) is { Length: > 0 })
        {
            var tab = line.IndexOf('\t', StringComparison.Ordinal);
            if (tab > 0) header[line[..tab]] = line[(tab + 1)..];
        }
        string Field(string name) => header.TryGetValue(name, out var v) ? v : throw new InvalidDataException($"The {kind} pack has no '{name}' header.");
        var p = new PackProvenance(Field("id"), Field("title"), kind, [country], Field("source"), Field("licence"), Field("revision"),
            DateOnly.ParseExact(Field("effective"), "yyyy-MM-dd", CultureInfo.InvariantCulture), null, Field("sha256"));
        return (reader, p);
    }

    /// <summary>SHA-256 over the source files' bytes, in order (one file: its plain SHA-256).</summary>
    public static string Sha256(params string[] files)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[81920];
        foreach (var file in files)
        {
            using var f = File.OpenRead(file);
            int n;
            while ((n = f.Read(buffer, 0, buffer.Length)) > 0) hash.AppendData(buffer, 0, n);
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
