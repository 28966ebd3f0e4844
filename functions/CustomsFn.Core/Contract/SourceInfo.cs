using Newtonsoft.Json;

namespace CustomsFn.Core.Contract;

public sealed record SourceInfo(string Name, long SizeBytes, string MediaType)
{
    /// <summary>
    /// The shipment the upload named in its blob metadata (<c>shipment</c>, made safe), when it did: kept with the
    /// result so that whoever publishes it later (the reconciliation sweep, after the upload is gone) still files it
    /// in that shipment. A path-named shipment is in <see cref="Name"/> already.
    /// </summary>
    [JsonProperty(NullValueHandling = NullValueHandling.Ignore)] public string? Shipment { get; init; }
}
