using CustomsFn.Core.Contract;
using NJsonSchema;

namespace CustomsFn.Testing;

/// <summary>The repository's JSON Schemas (the files under functions/CustomsFn.Core/Contract/Schemas), for validating outputs.</summary>
internal static class Schemas
{
    private static readonly Lazy<JsonSchema> ResultSchema = new(() => Load(SchemaResources.ResultSchema));
    private static readonly Lazy<JsonSchema> MessageSchema = new(() => Load(SchemaResources.MessageSchema));
    private static readonly Lazy<JsonSchema> ShipmentSchema = new(() => Load(SchemaResources.ShipmentSchema));
    private static readonly Lazy<JsonSchema> ShipmentMessageSchema = new(() => Load(SchemaResources.ShipmentMessageSchema));

    public static JsonSchema Result => ResultSchema.Value;
    public static JsonSchema Message => MessageSchema.Value;
    public static JsonSchema Shipment => ShipmentSchema.Value;
    public static JsonSchema ShipmentMessage => ShipmentMessageSchema.Value;

    /// <summary>Reads the schema file from the repository, not the embedded copy, so the tests check the file users see.</summary>
    private static JsonSchema Load(string name)
    {
        var path = Path.Combine(TestPaths.RepoRoot, "functions", "CustomsFn.Core", "Contract", "Schemas", name);
        var text = File.ReadAllText(path);
        Assert.Equal(text, SchemaResources.Read(name));
        return JsonSchema.FromJsonAsync(text).GetAwaiter().GetResult();
    }

    public static void AssertValid(JsonSchema schema, string json, string what)
    {
        var errors = schema.Validate(json);
        Assert.True(errors.Count == 0, $"{what} does not match {schema.Title}: " + string.Join("; ", errors.Select(e => $"{e.Path}: {e.Kind}")));
    }
}
