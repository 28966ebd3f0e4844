using CustomsFn.Core.Contract;
using NJsonSchema;

namespace CustomsFn.IntegrationTests.Support;

/// <summary>The repository's JSON Schema files (not the embedded copies), for validating what the flow produced.</summary>
internal static class Schemas
{
    private static readonly Lazy<JsonSchema> ResultSchema = new(() => Load(SchemaResources.ResultSchema));
    private static readonly Lazy<JsonSchema> MessageSchema = new(() => Load(SchemaResources.MessageSchema));
    private static readonly Lazy<JsonSchema> ShipmentMessageSchema = new(() => Load(SchemaResources.ShipmentMessageSchema));

    public static JsonSchema Result => ResultSchema.Value;
    public static JsonSchema Message => MessageSchema.Value;
    public static JsonSchema ShipmentMessage => ShipmentMessageSchema.Value;

    private static JsonSchema Load(string name) =>
        JsonSchema.FromJsonAsync(File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "functions", "CustomsFn.Core", "Contract", "Schemas", name)))
            .GetAwaiter().GetResult();

    public static void AssertValid(JsonSchema schema, string json, string what)
    {
        var errors = schema.Validate(json);
        Assert.True(errors.Count == 0, $"{what} does not match {schema.Title}: " + string.Join("; ", errors.Select(e => $"{e.Path}: {e.Kind}")));
    }
}
