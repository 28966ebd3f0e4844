using CustomsFn.LocalHost;

return await LocalHostProgram.RunAsync(args, Console.Out).ConfigureAwait(false);
