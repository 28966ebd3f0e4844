using System.Globalization;

namespace CustomsFn.Core.Extraction.Edifact;

/// <summary>One segment: its tag, its data elements (each a list of components, release characters removed), and its position.</summary>
public sealed record EdifactSegment(string Tag, IReadOnlyList<IReadOnlyList<string>> Elements, int Number, int Line)
{
    /// <summary>Component <paramref name="component"/> of data element <paramref name="element"/> (both 0-based, the tag excluded), or null when absent or empty.</summary>
    public string? Get(int element, int component = 0)
    {
        if (element < 0 || element >= Elements.Count) return null;
        var e = Elements[element];
        if (component < 0 || component >= e.Count) return null;
        var v = e[component];
        return v.Length == 0 ? null : v;
    }

    /// <summary>The <c>{path}</c> of a source in this segment: <c>segment[n]/TAG</c>.</summary>
    public string Path => string.Create(CultureInfo.InvariantCulture, $"segment[{Number}]/{Tag}");
}
