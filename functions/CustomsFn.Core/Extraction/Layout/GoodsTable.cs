namespace CustomsFn.Core.Extraction.Layout;

/// <summary>A goods table found on one page: header line, columns and the lines of its body.</summary>
public sealed record GoodsTable(int Page, TextLine Header, IReadOnlyList<TableColumn> Columns, IReadOnlyList<TextLine> Body, bool EndedByTotals)
{
    /// <summary>The upper line of a header written over two lines (<see cref="Header"/> is the lower one), or null.</summary>
    public TextLine? UpperHeader { get; init; }

    /// <summary>Lines that belong to the table (header and body): field scanning skips them.</summary>
    public IEnumerable<TextLine> AllLines => UpperHeader is null ? Body.Prepend(Header) : Body.Prepend(Header).Prepend(UpperHeader);
}
