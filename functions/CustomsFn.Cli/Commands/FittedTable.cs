using Spectre.Console;

namespace CustomsFn.Cli.Commands;

/// <summary>
/// A column of a <see cref="FittedTable"/>: its header, how far its cells may be shortened (0: never), and whether they
/// lose their start rather than their end (paths: the file name at the end is what tells rows apart).
/// </summary>
internal sealed record FitColumn(string Header, int MinWidth = 0, bool CutStart = false);

/// <summary>A cell: plain text and an optional Spectre style (a colour) for all of it.</summary>
internal readonly record struct FitCell(string Text, string? Style = null)
{
    public static implicit operator FitCell(string text) => new(text);
}

/// <summary>
/// A table that fits the terminal: every row one line. Columns whose natural width does not fit are shortened with an
/// ellipsis, the last shrinkable column first, each down to its minimum; cells never wrap, so no word is split across
/// lines (Spectre wraps a cell that does not fit inside its word).
/// </summary>
internal static class FittedTable
{
    /// <summary>Columns' own width plus what the default border costs: one separator and two spaces of padding per column, and the closing separator.</summary>
    public static int Overhead(int columns) => 3 * columns + 1;

    public static Table Build(IReadOnlyList<FitColumn> columns, IReadOnlyList<IReadOnlyList<FitCell>> rows, int width)
    {
        var widths = columns.Select((c, i) => Math.Max(c.Header.Length, rows.Count == 0 ? 0 : rows.Max(r => r[i].Text.Length))).ToArray();
        var excess = widths.Sum() + Overhead(columns.Count) - width;
        for (var i = columns.Count - 1; i >= 0 && excess > 0; i--)
        {
            if (columns[i].MinWidth <= 0) continue;
            var floor = Math.Max(columns[i].MinWidth, 1);
            var cut = Math.Min(excess, Math.Max(0, widths[i] - floor));
            widths[i] -= cut;
            excess -= cut;
        }
        var table = new Table();
        for (var i = 0; i < columns.Count; i++) table.AddColumn(new TableColumn(Markup.Escape(Fit(columns[i].Header, widths[i]))).NoWrap());
        foreach (var row in rows)
        {
            table.AddRow(row.Select((cell, i) =>
            {
                var text = Markup.Escape(columns[i].CutStart ? FitEnd(cell.Text, widths[i]) : Fit(cell.Text, widths[i]));
                return (Spectre.Console.Rendering.IRenderable)new Markup(cell.Style is null ? text : $"[{cell.Style}]{text}[/]");
            }).ToArray());
        }
        return table;
    }

    /// <summary>The text cut to <paramref name="width"/> characters, its last one an ellipsis when cut.</summary>
    public static string Fit(string text, int width) =>
        text.Length <= width ? text : width <= 1 ? "…" : text[..(width - 1)] + "…";

    /// <summary>The end of the text in <paramref name="width"/> characters, its first one an ellipsis when cut.</summary>
    public static string FitEnd(string text, int width) =>
        text.Length <= width ? text : width <= 1 ? "…" : "…" + text[^(width - 1)..];
}
