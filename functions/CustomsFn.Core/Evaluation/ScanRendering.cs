using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Writer;

namespace CustomsFn.Core.Evaluation;

/// <summary>
/// Turns a labelled set of text PDFs into a labelled set of scans: every page rendered to a PNG at a given resolution by
/// poppler's <c>pdftoppm</c> (Debian <c>poppler-utils</c>, installed by <c>scripts/bootstrap.sh --ocr</c>), a one-page
/// document kept as that PNG and a longer one made an image-only PDF. The truth stays the PDF's, so the same documents
/// are scored read from their pixels: invoice2data's invoices and the Factur-X pages, scans nobody here wrote.
/// </summary>
public static class ScanRendering
{
    public const string Tool = "pdftoppm";

    /// <summary>How long one document may take to render before it is given up.</summary>
    public static readonly TimeSpan RenderTimeout = TimeSpan.FromMinutes(2);

    /// <summary>
    /// The scan twins of the PDF documents of <paramref name="documents"/> (others are left out), rendered into
    /// <paramref name="workDir"/>: the set is named "<c>&lt;set&gt;-scans</c>", the format "<c>scan-&lt;dpi&gt;dpi</c>".
    /// </summary>
    public static async Task<List<ExpectedDocument>> AsScansAsync(IReadOnlyList<ExpectedDocument> documents, int dpi, string workDir,
        string tool = Tool, ScanDamageKind damage = ScanDamageKind.None, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(documents);
        ArgumentOutOfRangeException.ThrowIfLessThan(dpi, 50);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(dpi, 600);
        Directory.CreateDirectory(workDir);
        var result = new List<ExpectedDocument>();
        var index = 0;
        foreach (var doc in documents)
        {
            if (!doc.DocumentPath.EndsWith(".pdf", StringComparison.OrdinalIgnoreCase)) continue;
            var folder = Path.Combine(workDir, (index++).ToString("D4", CultureInfo.InvariantCulture));
            Directory.CreateDirectory(folder);
            IReadOnlyList<string> pages = await RenderAsync(doc.DocumentPath, dpi, folder, tool, cancellationToken).ConfigureAwait(false);
            var name = Path.GetFileNameWithoutExtension(doc.DocumentPath);
            if (damage != ScanDamageKind.None)
            {
                // The seed from the file name: the same document is damaged the same way in every run.
                var seed = StableSeed(name);
                pages = pages.Select((page, i) =>
                {
                    var jpeg = Path.ChangeExtension(page, ".jpg");
                    File.WriteAllBytes(jpeg, ScanDamage.Apply(File.ReadAllBytes(page), damage, seed + i));
                    return jpeg;
                }).ToList();
            }
            string path;
            if (pages.Count == 1)
            {
                path = Path.Combine(folder, name + Path.GetExtension(pages[0]));
                File.Move(pages[0], path);
            }
            else
            {
                path = Path.Combine(folder, name + ".pdf");
                await File.WriteAllBytesAsync(path, ImageOnlyPdf(pages, dpi), cancellationToken).ConfigureAwait(false);
            }
            var suffix = damage switch { ScanDamageKind.Scan => "-scans-damaged", ScanDamageKind.Photo => "-photos", _ => "-scans" };
            result.Add(doc with { DocumentPath = path, Set = doc.Set + suffix, Format = $"{(damage == ScanDamageKind.Photo ? "photo" : "scan")}-{dpi}dpi", IgnoreEmbeddedXml = false });
        }
        return result;
    }

    /// <summary>FNV-1a of the name: a seed that does not change between runs (string.GetHashCode does).</summary>
    internal static int StableSeed(string name)
    {
        var h = 2166136261u;
        foreach (var c in name) h = (h ^ c) * 16777619u;
        return (int)(h & 0x7FFFFFFF);
    }

    /// <summary>Renders every page of <paramref name="pdf"/> to <c>page-N.png</c> in <paramref name="folder"/>; the files in page order.</summary>
    public static async Task<IReadOnlyList<string>> RenderAsync(string pdf, int dpi, string folder, string tool = Tool, CancellationToken cancellationToken = default)
    {
        var psi = new ProcessStartInfo(tool) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in new[] { "-r", dpi.ToString(CultureInfo.InvariantCulture), "-png", pdf, Path.Combine(folder, "page") }) psi.ArgumentList.Add(a);
        using var process = new Process { StartInfo = psi };
        try
        {
            process.Start();
        }
        catch (Win32Exception ex)
        {
            throw new InvalidOperationException(
                $"'{tool}' could not be started ({ex.Message}): rendering PDFs as scans needs Debian poppler-utils (bash scripts/bootstrap.sh --ocr).", ex);
        }
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(RenderTimeout);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{tool} did not render {Path.GetFileName(pdf)} within {RenderTimeout.TotalSeconds:0} s.");
        }
        await stdout.ConfigureAwait(false);
        var error = await stderr.ConfigureAwait(false);
        // pdftoppm names pages page-1.png ... page-12.png, or page-01.png when there are ten or more: order by the number.
        var pages = Directory.EnumerateFiles(folder, "page-*.png")
            .OrderBy(f => int.Parse(Path.GetFileNameWithoutExtension(f)["page-".Length..], CultureInfo.InvariantCulture)).ToList();
        if (process.ExitCode != 0 || pages.Count == 0)
            throw new InvalidOperationException($"{tool} could not render {Path.GetFileName(pdf)} (exit {process.ExitCode}): {error.Trim()}");
        return pages;
    }

    /// <summary>An image-only PDF: one page per PNG or JPEG, each sized so that the image is at <paramref name="dpi"/>.</summary>
    public static byte[] ImageOnlyPdf(IReadOnlyList<string> images, int dpi)
    {
        var builder = new PdfDocumentBuilder();
        foreach (var file in images)
        {
            var bytes = File.ReadAllBytes(file);
            var png = bytes.Length > 8 && bytes[0] == 0x89 && bytes[1] == (byte)'P';
            int width, height;
            if (png) (width, height) = PngSize(bytes);
            else
            {
                using var codec = SkiaSharp.SKCodec.Create(new MemoryStream(bytes)) ?? throw new InvalidDataException($"{Path.GetFileName(file)} is not an image.");
                (width, height) = (codec.Info.Width, codec.Info.Height);
            }
            double w = width * 72.0 / dpi, h = height * 72.0 / dpi;
            var page = builder.AddPage(w, h);
            var rect = new PdfRectangle(0, 0, w, h);
            if (png) page.AddPng(bytes, rect);
            else page.AddJpeg(bytes, rect);
        }
        return builder.Build();
    }

    /// <summary>Width and height from a PNG's IHDR chunk.</summary>
    internal static (int Width, int Height) PngSize(ReadOnlySpan<byte> png)
    {
        if (png.Length < 24 || png[12] != (byte)'I' || png[13] != (byte)'H' || png[14] != (byte)'D' || png[15] != (byte)'R')
            throw new InvalidDataException("Not a PNG image.");
        return (System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png[16..]), System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png[20..]));
    }
}
