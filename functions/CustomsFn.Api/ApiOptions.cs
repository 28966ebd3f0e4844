namespace CustomsFn.Api;

/// <summary>The compliance API's settings (configuration section "Api").</summary>
public sealed class ApiOptions
{
    public const string SectionName = "Api";

    /// <summary>
    /// The key callers send in <c>x-functions-key</c> (or <c>X-Api-Key</c>) on the local host (<c>Api__Key</c>). In Azure the
    /// Functions host checks its own function keys and this setting is not used.
    /// </summary>
    public string? Key { get; set; }

    /// <summary>
    /// Whether the reviewer is taken from the platform's <c>X-MS-CLIENT-PRINCIPAL</c> header when present. True in Azure,
    /// where App Service authentication sets the header and strips any a client sends; false on the local host, where
    /// nothing vouches for it.
    /// </summary>
    public bool TrustClientPrincipal { get; set; }

    /// <summary>
    /// The app role a signed-in principal needs to record a review (default <c>Customs.Reviewer</c>, an app role of the
    /// Entra ID app registration); empty: any signed-in principal may review. Callers with only the API key (machine
    /// clients, no principal) name the reviewer in the body as before.
    /// </summary>
    public string ReviewerRole { get; set; } = "Customs.Reviewer";

    /// <summary>
    /// The local host's development sign-in (<c>Api__DevelopmentSignIn=true</c>): <c>/.auth/login/dev</c> signs in as any
    /// name and roles and sets the principal header as App Service authentication would, for loopback callers only.
    /// </summary>
    public bool DevelopmentSignIn { get; set; }

    /// <summary>Default page size of <c>GET /api/results</c>.</summary>
    public int PageSize { get; set; } = 50;

    /// <summary>Longest day range a list or an export may cover.</summary>
    public int MaxRangeDays { get; set; } = 366;

    /// <summary>Audit records one list or export reads at most (it says when it stopped there).</summary>
    public int MaxRecords { get; set; } = 20_000;
}
