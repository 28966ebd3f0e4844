using System.Collections.Frozen;

namespace CustomsFn.Core.Conformance;

/// <summary>One code list: its codes and where they come from (source and edition, from the data file's header).</summary>
public sealed record CodeList(string Name, string Source, string Edition, FrozenSet<string> Codes)
{
    public bool Contains(string? code) => code is not null && Codes.Contains(code.Trim());
}
