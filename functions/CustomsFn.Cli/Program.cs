using CustomsFn.Cli;

return await CliApp.RunAsync(args).ConfigureAwait(false);
