using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace CustomsFn.Api;

/// <summary>
/// The caller identity that App Service authentication ("Easy Auth") passes to the app in <c>X-MS-CLIENT-PRINCIPAL</c>:
/// base64 of <c>{ auth_typ, name_typ, role_typ, claims: [{ typ, val }] }</c>, with the display name also in
/// <c>X-MS-CLIENT-PRINCIPAL-NAME</c>.
/// </summary>
public static class ClientPrincipal
{
    public const string Header = "X-MS-CLIENT-PRINCIPAL";
    public const string NameHeader = "X-MS-CLIENT-PRINCIPAL-NAME";
    public const string IdpHeader = "X-MS-CLIENT-PRINCIPAL-IDP";

    private static readonly string[] NameClaims =
    [
        "name", "preferred_username", "email", "upn",
        "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name",
        "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress",
        "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn",
    ];

    private static readonly string[] RoleClaims = ["roles", "role", "http://schemas.microsoft.com/ws/2008/06/identity/claims/role"];

    /// <summary>The principal's roles (claims of its <c>role_typ</c>, else the usual role claim types); empty when there are none.</summary>
    public static IReadOnlyList<string> Roles(string? principalHeader)
    {
        if (string.IsNullOrWhiteSpace(principalHeader)) return [];
        try
        {
            var json = JObject.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(principalHeader.Trim())));
            var roleType = (string?)json["role_typ"];
            var types = roleType is null ? RoleClaims : RoleClaims.Prepend(roleType).ToArray();
            return ((json["claims"] as JArray)?.OfType<JObject>() ?? [])
                .Where(c => types.Contains((string?)c["typ"], StringComparer.OrdinalIgnoreCase))
                .Select(c => ((string?)c["val"])?.Trim()).OfType<string>().Where(v => v.Length > 0)
                .Distinct(StringComparer.Ordinal).ToList();
        }
        catch (Exception ex) when (ex is FormatException or JsonException or InvalidCastException)
        {
            return [];
        }
    }

    /// <summary>The header App Service authentication would send for a principal of this name and these roles (as the development sign-in makes it).</summary>
    public static string Encode(string identityProvider, string name, IEnumerable<string> roles)
    {
        var claims = new JArray(new JObject { ["typ"] = "name", ["val"] = name });
        foreach (var role in roles) claims.Add(new JObject { ["typ"] = "roles", ["val"] = role });
        var json = new JObject { ["auth_typ"] = identityProvider, ["name_typ"] = "name", ["role_typ"] = "roles", ["claims"] = claims };
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(json.ToString(Formatting.None)));
    }

    /// <summary>The principal's name from the headers, or null when there is none (or it cannot be read).</summary>
    public static string? Name(string? principalHeader, string? nameHeader)
    {
        if (!string.IsNullOrWhiteSpace(principalHeader))
        {
            try
            {
                var json = JObject.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(principalHeader.Trim())));
                var claims = (json["claims"] as JArray)?.OfType<JObject>()
                    .Select(c => (Type: (string?)c["typ"], Value: (string?)c["val"]))
                    .Where(c => c.Type is not null && !string.IsNullOrWhiteSpace(c.Value))
                    .ToList() ?? [];
                var nameType = (string?)json["name_typ"];
                foreach (var type in (nameType is null ? NameClaims : NameClaims.Prepend(nameType)))
                {
                    var match = claims.FirstOrDefault(c => string.Equals(c.Type, type, StringComparison.OrdinalIgnoreCase));
                    if (match.Value is { } v) return v.Trim();
                }
            }
            catch (Exception ex) when (ex is FormatException or JsonException or InvalidCastException)
            {
                // Unreadable: fall back to the name header.
            }
        }
        return string.IsNullOrWhiteSpace(nameHeader) ? null : nameHeader.Trim();
    }
}
