namespace CustomsFn.Cli.Commands;

/// <summary>One input; <paramref name="Shipment"/> is its folder's name when it came from a folder (the first subfolder when nested).</summary>
internal sealed record InputFile(string FullPath, string DisplayName, string OutputStem, string? Shipment = null);
