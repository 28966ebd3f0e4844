using System.Globalization;
using CustomsFn.Core.Contract;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace CustomsFn.Api;

/// <summary>Reads and validates query parameters, collecting every problem (for one ValidationProblem) instead of stopping at the first.</summary>
internal sealed class QueryReader(IQueryCollection query)
{
    public Dictionary<string, string[]> Errors { get; } = new(StringComparer.Ordinal);

    private string? One(string name)
    {
        if (!query.TryGetValue(name, out StringValues values) || values.Count == 0) return null;
        if (values.Count > 1)
        {
            Errors[name] = [$"{name} is given more than once."];
            return null;
        }
        var value = values[0]?.Trim();
        return string.IsNullOrEmpty(value) ? null : value;
    }

    public string? Text(string name, int maxLength)
    {
        var value = One(name);
        if (value is null) return null;
        if (value.Length > maxLength || value.Any(char.IsControl))
        {
            Errors[name] = [$"{name} is at most {maxLength} printable characters."];
            return null;
        }
        return value;
    }

    public int Int(string name, int fallback, int min, int max)
    {
        var value = One(name);
        if (value is null) return fallback;
        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max) return n;
        Errors[name] = [$"{name} is a whole number from {min} to {max}."];
        return fallback;
    }

    public DateOnly? Date(string name)
    {
        var value = One(name);
        if (value is null) return null;
        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return d;
        Errors[name] = [$"{name} is a date as yyyy-MM-dd (UTC day)."];
        return null;
    }

    /// <summary>from/to (UTC days, inclusive): default the last 30 days up to today; from &lt;= to; at most maxDays.</summary>
    public (DateOnly From, DateOnly To) Range(DateOnly today, int maxDays)
    {
        var to = Date("to") ?? today;
        var from = Date("from") ?? to.AddDays(-30);
        if (Errors.ContainsKey("from") || Errors.ContainsKey("to")) return (from, to);
        if (from > to) Errors["from"] = ["from is on or before to."];
        else if (to.DayNumber - from.DayNumber + 1 > maxDays) Errors["to"] = [$"A range covers at most {maxDays} days."];
        return (from, to);
    }

    public ResultStatus? Status(string name)
    {
        var value = One(name);
        if (value is null) return null;
        var status = StatusNames.Parse(value);
        if (status is null) Errors[name] = [$"{name} is accepted, needs-review or rejected."];
        return status;
    }

    /// <summary>An HS code or its start: 2 to 10 digits (dots and spaces ignored).</summary>
    public string? HsCode(string name)
    {
        var value = One(name);
        if (value is null) return null;
        var digits = new string(value.Where(c => c is not ('.' or ' ')).ToArray());
        if (digits.Length is >= 2 and <= 10 && digits.All(char.IsAsciiDigit)) return digits;
        Errors[name] = [$"{name} is 2 to 10 digits (a chapter, heading, subheading or tariff line)."];
        return null;
    }

    /// <summary>Unknown parameters are an error, so that a misspelt filter does not silently return everything.</summary>
    public void AllowOnly(params string[] names)
    {
        foreach (var key in query.Keys)
        {
            if (!names.Contains(key, StringComparer.Ordinal)) Errors[key] = [$"Unknown parameter; known: {string.Join(", ", names.Where(n => n != "code"))}."];
        }
    }
}
