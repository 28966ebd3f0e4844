using System.Globalization;

namespace CustomsFn.Core.Screening;

/// <summary>The similarity of two normalised names, with the token pairs behind it.</summary>
public sealed record NameScore(float Score, IReadOnlyList<TokenPair> Pairs, int UnpairedQuery, int UnpairedListed)
{
    public string Explain()
    {
        var pairs = string.Join(", ", Pairs.Select(p => p.Query == p.Listed ? p.Query
            : string.Create(CultureInfo.InvariantCulture, $"{p.Query}~{p.Listed} {p.Similarity:0.00}")));
        var unpaired = UnpairedQuery + UnpairedListed > 0 ? string.Create(CultureInfo.InvariantCulture, $"; unpaired tokens: {UnpairedQuery} in the party name, {UnpairedListed} in the listed name") : "";
        return $"tokens {pairs}{unpaired}";
    }
}
