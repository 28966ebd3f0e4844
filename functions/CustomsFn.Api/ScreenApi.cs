using CustomsFn.Core.Model;
using CustomsFn.Core.Rules;
using CustomsFn.Core.Screening;
using Microsoft.AspNetCore.Http;

namespace CustomsFn.Api;

/// <summary>
/// <c>GET /api/screen?name=&amp;country=&amp;type=person|organisation&amp;id=&amp;address=&amp;max=</c>: a party screened against the
/// sanctions and denied-party lists, the best matches with their explanation (the handler both hosts route to).
/// The party name is never logged.
/// </summary>
public static class ScreenApi
{
    public const int MaxNameLength = 500;

    public static IResult Screen(HttpRequest request, ScreeningIndex? index = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var name = request.Query["name"].ToString();
        if (string.IsNullOrWhiteSpace(name)) errors["name"] = ["name is required."];
        else if (name.Length > MaxNameLength) errors["name"] = [$"name is longer than {MaxNameLength} characters."];
        var countryText = request.Query["country"].ToString();
        string? country = null;
        if (countryText.Length > 0)
        {
            if (CountryCode.TryParse(countryText.ToUpperInvariant(), out var c)) country = c.Value;
            else errors["country"] = ["country must be an ISO 3166-1 alpha-2 code."];
        }
        var type = request.Query["type"].ToString() switch
        {
            "" => PartyType.Unknown,
            "person" => PartyType.Person,
            "organisation" or "organization" => PartyType.Organisation,
            _ => (PartyType?)null,
        };
        if (type is null) errors["type"] = ["type must be person or organisation."];
        var max = 5;
        if (request.Query["max"].ToString() is { Length: > 0 } m && (!int.TryParse(m, out max) || max is < 1 or > 50)) errors["max"] = ["max must be 1 to 50."];
        var ids = request.Query["id"].Where(i => !string.IsNullOrWhiteSpace(i)).Select(i => i!).Take(10).ToList();
        var address = request.Query["address"].ToString();
        if (address.Length > MaxNameLength) errors["address"] = [$"address is longer than {MaxNameLength} characters."];
        if (errors.Count > 0) return ApiResponses.Validation(errors);

        index ??= ScreeningIndex.Default;
        var matches = index.Screen(new PartyQuery(name, country, type!.Value, ids, address.Length > 0 ? address : null), max);
        var response = new ScreenResponse(name, country, type.Value.ToString().ToLowerInvariant(), index.EditionLabels, index.Options.Threshold,
            [.. matches.Select(x => new ScreenMatchDto(x.IsStrong ? "strong" : "possible", x.IsStrong ? SanctionsScreeningRule.StrongMatch.Id : SanctionsScreeningRule.PossibleMatch.Id,
                Math.Round(x.Score, 3), Math.Round(x.NameSimilarity, 3), x.Entry.Id, x.Entry.List, x.Entry.Programme, x.Entry.Type.ToString().ToLowerInvariant(),
                x.Entry.PrimaryName, x.MatchedName.Text, x.MatchedName.Kind.ToString(), x.Entry.Countries, x.Reasons))]);
        return ApiResponses.Json(response);
    }
}
