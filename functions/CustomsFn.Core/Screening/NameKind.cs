namespace CustomsFn.Core.Screening;

/// <summary>How a list gives a name: the primary name, an alias of good (strong) or low (weak) quality, or the name in its original script.</summary>
public enum NameKind
{
    Primary,
    StrongAlias,
    WeakAlias,
    OriginalScript,
}
