using System.Text;

namespace CustomsFn.Core.Screening;

/// <summary>One labelled pair of the name benchmark (OpenSanctions nomenklatura name_bench).</summary>
public sealed record NamePair(string Group, string Schema, string Name1, string Name2, bool IsMatch)
{
    /// <summary>
    /// The deterministic half this pair belongs to: FNV-1a of the reference name (name2, case-folded), so every variant of
    /// one reference name falls in the same half and the held-out half has names the development half never saw.
    /// </summary>
    public bool IsDevelopment
    {
        get
        {
            var h = 2166136261u;
            foreach (var b in Encoding.UTF8.GetBytes(Name2.Trim().ToLowerInvariant())) h = (h ^ b) * 16777619u;
            return (h & 1) == 0;
        }
    }
}
