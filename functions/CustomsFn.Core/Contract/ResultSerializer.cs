using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Converters;
using Newtonsoft.Json.Serialization;

namespace CustomsFn.Core.Contract;

/// <summary>The one place that turns contract objects into JSON and back (Newtonsoft.Json, camelCase, UTF-8 without BOM).</summary>
public static class ResultSerializer
{
    public static readonly JsonSerializerSettings Settings = CreateSettings(Formatting.Indented);
    private static readonly JsonSerializerSettings CompactSettings = CreateSettings(Formatting.None);
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    private static JsonSerializerSettings CreateSettings(Formatting formatting) => new()
    {
        ContractResolver = new CamelCasePropertyNamesContractResolver
        {
            NamingStrategy = new CamelCaseNamingStrategy { ProcessDictionaryKeys = false, OverrideSpecifiedNames = false },
        },
        Converters = { new StringEnumConverter(), new IsoDateTimeConverter { DateTimeFormat = "yyyy'-'MM'-'dd'T'HH':'mm':'ss'Z'", DateTimeStyles = System.Globalization.DateTimeStyles.AdjustToUniversal } },
        DateParseHandling = DateParseHandling.None,
        FloatParseHandling = FloatParseHandling.Decimal,
        NullValueHandling = NullValueHandling.Ignore,
        Formatting = formatting,
        MaxDepth = 64,
    };

    public static string Serialize<T>(T value, bool indented = true) =>
        JsonConvert.SerializeObject(value, indented ? Settings : CompactSettings);

    /// <summary>
    /// UTF-8 JSON written straight into a buffer (no intermediate string: a result of 10,000 lines is about 30 MB of JSON,
    /// which as a string and its builder cost three times that). Same text as <see cref="Serialize{T}"/>.
    /// </summary>
    public static byte[] SerializeToUtf8<T>(T value, bool indented = true)
    {
        var settings = indented ? Settings : CompactSettings;
        using var buffer = new MemoryStream();
        using (var text = new StreamWriter(buffer, Utf8NoBom, bufferSize: 64 * 1024, leaveOpen: true))
        using (var json = new JsonTextWriter(text) { Formatting = settings.Formatting })
        {
            JsonSerializer.CreateDefault(settings).Serialize(json, value);
        }
        return buffer.ToArray();
    }

    public static T Deserialize<T>(string json) =>
        JsonConvert.DeserializeObject<T>(json, Settings) ?? throw new JsonSerializationException($"Empty JSON for {typeof(T).Name}.");

    public static T Deserialize<T>(ReadOnlySpan<byte> utf8) => Deserialize<T>(Encoding.UTF8.GetString(utf8));
}
