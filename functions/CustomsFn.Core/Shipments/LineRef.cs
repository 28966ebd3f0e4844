namespace CustomsFn.Core.Shipments;

/// <summary>A goods line of a shipment document: the document, the 0-based line index and its fields.</summary>
public sealed record LineRef(ShipmentDocument Document, int Index, FieldSet Fields)
{
    public string Path(string field) => $"lines[{Index}].{field}";
}
