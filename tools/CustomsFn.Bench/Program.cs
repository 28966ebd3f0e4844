using CustomsFn.Bench;
using CustomsFn.Core.Isolation;
using CustomsFn.Core.Pipeline;

// Worker mode: the pipeline under measurement runs its PDF and OCR workers as children of this executable.
if (args.Length == 2 && args[0] == IsolationWorker.Argument)
    return await WorkerProcesses.RunAsync(args[1]).ConfigureAwait(false);

return await BenchApp.RunAsync(args).ConfigureAwait(false);
