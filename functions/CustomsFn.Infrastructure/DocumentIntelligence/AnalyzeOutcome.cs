using System.Text.Json;

namespace CustomsFn.Infrastructure.DocumentIntelligence;

/// <summary>The final body of a succeeded analysis and where it came from.</summary>
public sealed record AnalyzeOutcome(string ModelId, string ApiVersion, string OperationId, JsonElement Body);
