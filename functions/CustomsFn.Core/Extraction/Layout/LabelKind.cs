namespace CustomsFn.Core.Extraction.Layout;

/// <summary>What a label announces: a header field, a party block, or a goods-table column.</summary>
public enum LabelKind
{
    Field,
    Party,
    Column,
}
