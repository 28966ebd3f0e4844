namespace CustomsFn.Core.Screening;

/// <summary>The edition of one source list in a pack: which list, as of when, from where, its licence and the SHA-256 of the files read.</summary>
public sealed record ListEdition(string List, string Title, string Edition, string Source, string Licence, string SourceSha256)
{
    /// <summary>The short form recorded in every result (<c>versions.screening</c>): "un-sc: 2026-02-27".</summary>
    public string Label => $"{List}: {Edition}";
}
