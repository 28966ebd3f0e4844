using CustomsFn.Cli;
using CustomsFn.Core.Isolation;
using CustomsFn.Core.Pipeline;

// Worker mode for parsers that can crash the process (see IsolationOptions): the host runs this executable as a child.
if (args.Length == 2 && args[0] == IsolationWorker.Argument)
    return await WorkerProcesses.RunAsync(args[1]).ConfigureAwait(false);

return await CliApp.RunAsync(args).ConfigureAwait(false);
