namespace CustomsFn.Core.Pipeline;

public sealed record PipelineOutcome(CustomsResult Result, OutcomeKind Kind);
