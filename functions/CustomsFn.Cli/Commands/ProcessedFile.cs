using CustomsFn.Core.Contract;

namespace CustomsFn.Cli.Commands;

internal sealed record ProcessedFile(string Input, string OutputPath, CustomsResult Result);
