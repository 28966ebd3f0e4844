namespace CustomsFn.Core.Screening;

/// <summary>
/// Screens one party against the lists: the seam through which shipments screen their distinct parties (a test counts
/// the calls through it). <see cref="IndexPartyScreener"/> screens against a <see cref="ScreeningIndex"/>.
/// </summary>
public interface IPartyScreener
{
    /// <summary>The list editions screened against ("un-sc: 2026-02-27", ...), as results record them in <c>versions.screening</c>.</summary>
    IReadOnlyList<string> Editions { get; }

    /// <summary>The matches at or above the possible-match threshold, best first (strong matches first), at most <paramref name="max"/>.</summary>
    IReadOnlyList<ScreeningMatch> Screen(PartyQuery party, int max);
}

/// <summary>Screens against a <see cref="ScreeningIndex"/> (the shipped one unless given another).</summary>
public sealed class IndexPartyScreener(ScreeningIndex? index = null) : IPartyScreener
{
    private ScreeningIndex Index => index ?? ScreeningIndex.Default;

    /// <summary>The shipped lists, the index built on first use.</summary>
    public static IndexPartyScreener Default { get; } = new();

    public IReadOnlyList<string> Editions => Index.EditionLabels;

    public IReadOnlyList<ScreeningMatch> Screen(PartyQuery party, int max) => Index.Screen(party, max);
}
