namespace CustomsFn.Core.Screening;

/// <summary>What a token of a name is: a word (Latin after transliteration), a number, or a run of Han or Hangul kept in script.</summary>
public enum TokenKind
{
    Word,
    Number,
    Script,
}
