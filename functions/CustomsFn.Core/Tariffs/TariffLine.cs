namespace CustomsFn.Core.Tariffs;

/// <summary>One line of a national tariff (HTSUS, UK Global Tariff, EU CET): code, rates as written in the source, flags.</summary>
public sealed class TariffLine
{
    private DutyExpression? _general;
    private IReadOnlyList<SpecialRate>? _special;
    private bool _specialParsed;
    private string[]? _flags;

    internal TariffLine(int index, string code, int indent, string units, string general, string special, string column2, string additional, string flags, string description)
    {
        Index = index; Code = code; Indent = indent; Units = units; General = general; Special = special; Column2 = column2;
        Additional = additional; Flags = flags; Description = description;
    }

    /// <summary>Position in the pack (0-based), used for the reference "pack line N".</summary>
    public int Index { get; }
    /// <summary>Digits only; empty for heading text rows that carry no code (HTSUS).</summary>
    public string Code { get; }
    public int Indent { get; }
    /// <summary>Units of quantity, comma separated (HTSUS: "kg", "No.", "doz.").</summary>
    public string Units { get; }
    /// <summary>The general (MFN / third-country) rate as written; empty when the rate sits on a parent line.</summary>
    public string General { get; }
    /// <summary>HTSUS special-programme rates, e.g. "Free (A+,AU,BH,...)".</summary>
    public string Special { get; }
    /// <summary>HTSUS column 2 (non-normal trade relations countries).</summary>
    public string Column2 { get; }
    /// <summary>HTSUS additional-duty text; for the UK pack, unused.</summary>
    public string Additional { get; }
    /// <summary>Comma-separated flags: trade-remedy, suspension, quota, cet-until-review (UK source columns).</summary>
    public string Flags { get; }
    public string Description { get; }

    public bool HasRate => General.Length > 0;

    /// <summary>The citation of this line in findings (set once by the calculator; lines belong to one pack).</summary>
    internal string? Reference { get; set; }

    /// <summary>The general rate parsed (cached: lines are shared and read-only, the race is benign).</summary>
    public DutyExpression GeneralRate => _general ??= DutyExpression.Parse(General);

    /// <summary>The special-programme groups parsed (cached); null when the text is not understood.</summary>
    public IReadOnlyList<SpecialRate>? SpecialGroups
    {
        get
        {
            if (!_specialParsed) { _special = SpecialRates.Parse(Special); _specialParsed = true; }
            return _special;
        }
    }

    private (SpecialRate Group, PreferenceProgramme Programme)[]? _originProgrammes;

    /// <summary>The computable special-rate groups paired with each origin-based programme they list (resolved once per line).</summary>
    internal (SpecialRate Group, PreferenceProgramme Programme)[] OriginProgrammes => _originProgrammes ??= ResolveOriginProgrammes();

    private (SpecialRate Group, PreferenceProgramme Programme)[] ResolveOriginProgrammes()
    {
        if (Special.Length == 0 || SpecialGroups is not { } groups) return [];
        var list = new List<(SpecialRate, PreferenceProgramme)>();
        foreach (var g in groups)
        {
            if (!g.Rate.IsComputable) continue;
            foreach (var code in g.Programmes)
            {
                if (PreferenceProgrammes.ByCode.TryGetValue(code, out var p)) list.Add((g, p));
            }
        }
        return [.. list];
    }

    public bool HasFlag(string flag) => Flags.Length > 0 && Array.IndexOf(_flags ??= Flags.Split(','), flag) >= 0;
}
