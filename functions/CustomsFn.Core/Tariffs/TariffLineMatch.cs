namespace CustomsFn.Core.Tariffs;

/// <summary>How a declared code was matched to a national tariff line.</summary>
public enum TariffLineMatch
{
    /// <summary>No line in the tariff has the code or starts with it.</summary>
    NotFound,
    /// <summary>The code is a line of the tariff.</summary>
    Exact,
    /// <summary>A 10-digit code under an 8-digit line that the tariff does not split further (TARIC / statistical suffix).</summary>
    Parent,
    /// <summary>A shorter code (e.g. 6-digit HS) that covers several national lines.</summary>
    Prefix,
}
