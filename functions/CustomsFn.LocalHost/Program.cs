using CustomsFn.Core.Pipeline;
using CustomsFn.LocalHost;

// Worker mode for parsers that can crash the process (see IsolationOptions): this host runs itself as a child.
if (args.Length == 2 && args[0] == IsolationWorker.Argument)
    return await IsolationWorker.RunAsync(args[1]).ConfigureAwait(false);

return await LocalHostProgram.RunAsync(args, Console.Out).ConfigureAwait(false);
