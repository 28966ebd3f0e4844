namespace CustomsFn.Core.Screening;

/// <summary>One token of a normalised name: its text, phonetic key, kind and weight (particles and generic business words weigh less).</summary>
public sealed record NameToken(string Text, string Phonetic, TokenKind Kind, float Weight)
{
    /// <summary>Transliterated from a script that writes no short vowels (Arabic, Persian): compared by its consonant skeleton.</summary>
    public bool Abjad { get; init; }
    /// <summary>A place or branch word ("Europe", "Schweiz", "Branch"): a company's extra place word names its subsidiary or branch.</summary>
    public bool Place { get; init; }
    /// <summary>Written as initials run together ("JC", "U.S.", "PLA"): may stand for as many words of the other name.</summary>
    public bool Initials { get; init; }
}
