namespace CustomsFn.Core.Model;

public sealed record ExtractorInfo(string Name, string Version);
