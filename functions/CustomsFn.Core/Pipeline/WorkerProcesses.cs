using CustomsFn.Core.Extraction.Ocr;
using CustomsFn.Core.Extraction.Pdf;
using CustomsFn.Core.Isolation;

namespace CustomsFn.Core.Pipeline;

/// <summary>
/// The worker processes a CustomsFn executable can be started as (<c>APP --customsfn-isolate pdf|ocr</c>): every entry
/// point hands those arguments here before anything else.
/// </summary>
public static class WorkerProcesses
{
    /// <summary>The handler of a worker kind, or null when there is no such kind.</summary>
    public static IWorkerHandler? Handler(string kind) => kind switch
    {
        PdfWorkerProtocol.Kind => new PdfWorkerHandler(),
        OcrWorkerProtocol.Kind => new OcrWorkerHandler(),
        _ => null,
    };

    /// <summary>Serves as a worker of <paramref name="kind"/> on this process's stdin and stdout until stdin ends.</summary>
    public static Task<int> RunAsync(string kind) => IsolationWorker.RunAsync(kind, Handler);
}
