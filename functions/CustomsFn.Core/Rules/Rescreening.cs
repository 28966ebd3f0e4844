using CustomsFn.Core.Screening;

namespace CustomsFn.Core.Rules;

/// <summary>
/// Screens the parties of stored results again (after a new list edition is imported) and reports the documents that
/// newly match: a party with a match now and no SANC-001/SANC-002 finding for that field in the stored result.
/// </summary>
public static class Rescreening
{
    public static IEnumerable<RescreenHit> Rescreen(IEnumerable<CustomsResult> results, ScreeningIndex index)
    {
        foreach (var r in results)
        {
            var flagged = r.Findings.Where(f => f.Rule is "SANC-001" or "SANC-002").Select(f => f.Path).ToHashSet(StringComparer.Ordinal);
            foreach (var field in SanctionsScreeningRule.PartyFields(r.Fields))
            {
                if (flagged.Contains(field)) continue;
                var matches = index.Screen(SanctionsScreeningRule.PartyOf(r.Fields, field), max: 1);
                if (matches.Count > 0) yield return new RescreenHit(r.DocumentId, r.Source.Name, field, matches[0], r.Versions.Screening ?? []);
            }
        }
    }
}
