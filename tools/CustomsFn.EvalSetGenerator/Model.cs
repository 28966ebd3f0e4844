namespace CustomsFn.EvalSetGenerator;

/// <summary>A synthetic company (no real firms, no private persons).</summary>
internal sealed record Party(string Name, string[] AddressLines, string Country, string? TaxId);

/// <summary>A product as printed in each language, with its HS code and unit.</summary>
internal sealed record Product(string Hs, string Unit, decimal UnitPrice, decimal NetKgPerUnit, Dictionary<string, string> Names);

internal sealed record GoodsLine(int No, Product Product, string Description, decimal Quantity, string Unit, decimal UnitPrice, decimal Amount,
    string Origin, decimal NetKg, decimal GrossKg, int Packages);

internal enum DocKind { Invoice, PackingList }

/// <summary>How the document is delivered: a text PDF, an image-only PDF, or an image file.</summary>
internal enum Delivery { TextPdf, ScanPdf, Png, Jpeg, Tiff }

internal sealed class DocSpec
{
    public required string Name { get; init; }
    public required DocKind Kind { get; init; }
    public required string Layout { get; init; }
    public required string Language { get; init; }
    public required Delivery Delivery { get; init; }
    public required string Number { get; init; }
    public required DateOnly Date { get; init; }
    public required string Currency { get; init; }
    public required Party Seller { get; init; }
    public required Party Buyer { get; init; }
    public required string Incoterm { get; init; }
    public required string IncotermPlace { get; init; }
    public required string OriginCountry { get; init; }
    public required string DestinationCountry { get; init; }
    public required List<GoodsLine> Lines { get; init; }
    public decimal Freight { get; init; }
    public decimal Insurance { get; init; }
    public decimal TaxRate { get; init; }
    public int Dpi { get; init; }
    public double SkewDegrees { get; init; }
    public int NoiseSeed { get; init; }

    public int Decimals => Currency == "JPY" ? 0 : 2;
    public decimal LineTotal => Lines.Sum(l => l.Amount);
    public decimal Tax => Math.Round(LineTotal * TaxRate, Decimals, MidpointRounding.AwayFromZero);
    public decimal Total => LineTotal + Freight + Insurance + Tax;
    public decimal NetKg => Lines.Sum(l => l.NetKg);
    public decimal GrossKg => Lines.Sum(l => l.GrossKg);
    public int Packages => Lines.Sum(l => l.Packages);
    public bool IsScan => Delivery != Delivery.TextPdf;
}
