namespace CustomsFn.Core.Extraction.Layout;

/// <summary>A goods table found on one page: header line, columns and the lines of its body.</summary>
public sealed record GoodsTable(int Page, TextLine Header, IReadOnlyList<TableColumn> Columns, IReadOnlyList<TextLine> Body, bool EndedByTotals)
{
    /// <summary>Lines that belong to the table (header and body): field scanning skips them.</summary>
    public IEnumerable<TextLine> AllLines => Body.Prepend(Header);
}
