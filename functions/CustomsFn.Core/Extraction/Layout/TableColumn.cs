namespace CustomsFn.Core.Extraction.Layout;

/// <summary>One column of a goods table: what it holds (a line field or a <see cref="Lexicon"/> column target) and its x range.</summary>
public sealed record TableColumn(string Target, double X0, double X1, double LabelQuality, Segment Header);
