namespace CustomsFn.Core.Contract;

/// <summary>The JSON Schemas of the contracts, embedded in the assembly and kept as files under Contract/Schemas.</summary>
public static class SchemaResources
{
    public const string ResultSchema = "customsfn.result.v1.schema.json";
    public const string MessageSchema = "customsfn.message.v1.schema.json";
    public const string ShipmentSchema = "customsfn.shipment.v1.schema.json";
    public const string ShipmentMessageSchema = "customsfn.shipment-message.v1.schema.json";

    public static string Read(string name)
    {
        using var stream = typeof(SchemaResources).Assembly.GetManifestResourceStream($"CustomsFn.Schemas.{name}")
            ?? throw new InvalidOperationException($"Schema resource {name} is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
