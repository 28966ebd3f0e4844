namespace CustomsFn.Core.Screening;

/// <summary>A name reduced for matching: tokens without legal forms, titles or noise words; the key is the sorted token texts.</summary>
public sealed class NormalizedName
{
    internal NormalizedName(NameToken[] tokens, bool hadLegalForm, bool romanized = false)
    {
        Tokens = tokens;
        HadLegalForm = hadLegalForm;
        Romanized = romanized;
        Key = string.Join(' ', tokens.Select(t => t.Text).Order(StringComparer.Ordinal));
        Joined = string.Concat(tokens.Select(t => t.Text));
        TotalWeight = tokens.Sum(t => t.Weight);
    }

    public IReadOnlyList<NameToken> Tokens { get; }
    internal NameToken[] TokenArray => (NameToken[])Tokens;
    public bool HadLegalForm { get; }
    /// <summary>The Latin reading of a name written in Han or Hangul (<see cref="NameNormalizer.Romanized"/>), not the name as written.</summary>
    public bool Romanized { get; }
    public string Key { get; }
    /// <summary>The tokens run together in order: "Pricewaterhouse Coopers" and "PricewaterhouseCoopers" are one name.</summary>
    public string Joined { get; }
    public float TotalWeight { get; }
    public bool IsEmpty => Tokens.Count == 0;
}
