using CustomsFn.Core.Extraction.Layout;
using CustomsFn.Core.Model;

namespace CustomsFn.Tests.Layout;

/// <summary>
/// Text-only lines between two goods rows go to the row the gaps say they belong to, and where the gaps are even, to
/// the side the table's own first row shows: details printed under an item's numbers stay with that item, a description
/// that starts above its numbers goes with the row below.
/// </summary>
public class GoodsRowSplitTests
{
    private static readonly ExtractorInfo Info = new("test", "1");

    private static IReadOnlyList<string?> Descriptions(params (double X, int Line, string Text)[] words) =>
        new LayoutFieldExtractor().Extract([TextPages.Of(words)], DocumentFormat.PdfText, Info).Document.Lines
            .Select(l => l.GetText(FieldNames.Description)).ToList();

    private static readonly (double, int, string)[] Header =
        [(40, 0, "INVOICE"), (300, 0, "Invoice No.: R-77"), (40, 2, "Description"), (300, 2, "Qty"), (380, 2, "Unit price"), (480, 2, "Amount")];

    [Fact]
    public void DetailUnderAnItemsNumbers_StaysWithThatItem_WhenTheGapsAreEven()
    {
        var descriptions = Descriptions([.. Header,
            (40, 3, "Steel bracket"), (300, 3, "12"), (380, 3, "4.50"), (480, 3, "54.00"),
            (40, 5, "Detail: galvanised"),
            (40, 7, "Copper wire"), (300, 7, "3"), (380, 7, "10.00"), (480, 7, "30.00"),
            (40, 9, "Detail: 2.5 mm2"),
            (40, 11, "Hex bolts"), (300, 11, "7"), (380, 11, "2.00"), (480, 11, "14.00")]);

        Assert.Equal(["Steel bracket Detail: galvanised", "Copper wire Detail: 2.5 mm2", "Hex bolts"], descriptions);
    }

    [Fact]
    public void DescriptionAboveItsNumbers_GoesWithTheRowBelow()
    {
        var descriptions = Descriptions([.. Header,
            (40, 3, "Steel bracket, galvanised"),
            (300, 4, "12"), (380, 4, "4.50"), (480, 4, "54.00"),
            (40, 6, "Copper wire, 2.5 mm2"),
            (300, 7, "3"), (380, 7, "10.00"), (480, 7, "30.00")]);

        Assert.Equal(["Steel bracket, galvanised", "Copper wire, 2.5 mm2"], descriptions);
    }

    [Fact]
    public void ALineCloserToTheNextItem_GoesDown_WhateverTheTablesHabit()
    {
        var descriptions = Descriptions([.. Header,
            (40, 3, "Steel bracket"), (300, 3, "12"), (380, 3, "4.50"), (480, 3, "54.00"),
            (40, 5, "Copper wire"),
            (40, 6, "2.5 mm2, on drums"), (300, 6, "3"), (380, 6, "10.00"), (480, 6, "30.00")]);

        Assert.Equal(["Steel bracket", "Copper wire 2.5 mm2, on drums"], descriptions);
    }
}
