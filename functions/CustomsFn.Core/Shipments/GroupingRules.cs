namespace CustomsFn.Core.Shipments;

/// <summary>How documents were put into one shipment (the grouping rules, in order of precedence).</summary>
public static class GroupingRules
{
    /// <summary>Blob metadata <c>shipment</c> on the upload.</summary>
    public const string Metadata = "metadata";
    /// <summary>The upload path <c>incoming/{shipmentId}/...</c> (the CLI: a shipment's folder).</summary>
    public const string UploadPath = "upload-path";
    /// <summary>The invoice number, as the invoice states it and as the other documents quote it.</summary>
    public const string Reference = "reference";
    /// <summary>The same seller and buyer, issued within the time window.</summary>
    public const string Parties = "parties";
}
