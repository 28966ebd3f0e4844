namespace CustomsFn.Core.Pipeline;

public enum OutcomeKind
{
    /// <summary>First processing of this content: result stored, messages published, audit written.</summary>
    Processed,
    /// <summary>The same content was processed before and its messages went out: nothing new was published.</summary>
    Duplicate,
    /// <summary>The result existed but its messages had not been confirmed (a crash between steps): they were published now.</summary>
    Republished,
}
