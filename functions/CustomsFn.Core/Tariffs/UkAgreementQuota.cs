namespace CustomsFn.Core.Tariffs;

/// <summary>A tariff-rate quota of a UK trade agreement: its order number, the code, the in-quota rate and the volume.</summary>
public sealed record UkAgreementQuota(string Agreement, IReadOnlyList<string> Partners, string OrderNumber, string Code, string InQuotaRate, string Volume);
