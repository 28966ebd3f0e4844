namespace CustomsFn.Core.Screening;

/// <summary>
/// Weights and thresholds of the name matcher, in one place. The defaults were chosen on the development half of the
/// name benchmark only (<see cref="NameMatchEvaluation"/>); the other half measures them.
/// </summary>
public sealed record MatcherOptions
{
    /// <summary>The similarity of two variants of one given name ("Bibi" / "Benjamin", <see cref="GivenNameVariants"/>); people only.</summary>
    public float GivenNameVariantSimilarity { get; init; } = 0.90f;
    /// <summary>
    /// How close every paired token must be for containment: a name whose tokens all stand in the other, which adds only place or
    /// branch words, has those extras cost at <see cref="ExtraTokenPenalty"/> (company names too).
    /// </summary>
    public float ContainmentSimilarity { get; init; } = 0.90f;
    /// <summary>Token similarity (Jaro-Winkler) below which two tokens are not paired at all.</summary>
    public float TokenFloor { get; init; } = 0.80f;
    /// <summary>The similarity given to two different spellings with the same phonetic key (e.g. Usama / Osama), when Jaro-Winkler is lower.</summary>
    public float PhoneticSimilarity { get; init; } = 0.85f;
    /// <summary>The similarity of an initial to a word it abbreviates ("J" and "John").</summary>
    public float InitialSimilarity { get; init; } = 0.85f;
    /// <summary>
    /// The most a name scores when initials run together stand for as many words of the other ("JC Juncker" / "Jean-Claude
    /// Juncker", "U.S. Department of State" / "United States Department of State", "PLA" / "People's Liberation Army").
    /// </summary>
    public float InitialsRunSimilarity { get; init; } = 0.90f;
    /// <summary>How much an unpaired token of the shorter name costs, relative to its weight.</summary>
    public float UnmatchedPenalty { get; init; } = 1.3f;
    /// <summary>How much each surplus token of the longer name costs (middle names, patronymics, extra words).</summary>
    public float ExtraTokenPenalty { get; init; } = 0.2f;
    /// <summary>
    /// The same for company names (either name has a legal form): an extra distinctive word names another company more
    /// often than an extra middle name names another person. Not tuned on the name benchmark (which favours 0.2 by one pair
    /// of F1 and has few subsidiary names) but set against ordinary company names generated from a development word list
    /// (not the test's): at 0.2 "X Logistics GmbH" flags every listed "X".
    /// </summary>
    public float OrganisationExtraTokenPenalty { get; init; } = 1.1f;
    /// <summary>Exponent applied to token similarities: above 1 it punishes near-misses ("Frederik" / "Frank").</summary>
    public float SimilarityPower { get; init; } = 1.0f;
    /// <summary>How far Jaro-Winkler may exceed the edit-distance similarity of two tokens.</summary>
    public float EditSlack { get; init; } = 0.10f;
    /// <summary>The score of two names that differ only in spacing ("Pricewaterhouse Coopers", "van der Bilt").</summary>
    public float JoinedSimilarity { get; init; } = 0.95f;
    /// <summary>
    /// Names with a different number of words whose letters, run together, are this alike (edit distance) or more: words joined
    /// or split with a typo ("FridrichBuchenberg" / "Friedrich Buchenberg", "Andrang Heta" / "'Ndrangheta"). They score that
    /// similarity times <see cref="JoinedSimilarity"/>.
    /// </summary>
    public float JoinedTypoFloor { get; init; } = 0.85f;
    /// <summary>
    /// The same for names with as many words: at 0.90 a typo per ten letters over the whole name ("Igor Sechev" / "Igor
    /// Sechin", "Kim Jong-uun" / "Kim Jong-un"), which the word pairing alone counts as a whole word missing.
    /// </summary>
    public float WholeNameTypoFloor { get; init; } = 0.90f;
    /// <summary>The score at and above which a name is a possible match (SANC-001).</summary>
    public float Threshold { get; init; } = 0.76f;
    /// <summary>Added when the party's country is one of the entry's countries.</summary>
    public float CountryAgreeBonus { get; init; } = 0.03f;
    /// <summary>
    /// Added when the party's address shares a place with one of the entry's addresses: a town or a postcode (a word of four
    /// letters or more, or a number of four digits or more, that is not a street word). Addresses change, so a different one
    /// costs nothing.
    /// </summary>
    public float AddressAgreeBonus { get; init; } = 0.03f;
    /// <summary>Subtracted when both countries are known and differ.</summary>
    public float CountryDisagreePenalty { get; init; } = 0.05f;
    /// <summary>Subtracted when the party is said to be a person and the entry is an organisation, or the other way round.</summary>
    public float TypeMismatchPenalty { get; init; } = 0.10f;

    public static MatcherOptions Default { get; } = new();
}
