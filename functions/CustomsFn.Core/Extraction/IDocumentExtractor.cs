using CustomsFn.Core.Sniffing;

namespace CustomsFn.Core.Extraction;

/// <summary>Reads one format into canonical fields. Throws <see cref="Pipeline.DocumentRejectedException"/> when the input is unreadable.</summary>
public interface IDocumentExtractor
{
    /// <summary>True when this extractor reads the sniffed format.</summary>
    bool CanExtract(SniffResult sniff);

    /// <summary>
    /// Reads the document, or returns null when, having looked inside, this extractor finds it is not its kind after all
    /// (e.g. a PDF without an embedded e-invoice): the processor then tries the next extractor that accepts the format.
    /// </summary>
    Task<ExtractionResult?> ExtractAsync(ReadOnlyMemory<byte> content, SniffResult sniff, CancellationToken cancellationToken);
}
