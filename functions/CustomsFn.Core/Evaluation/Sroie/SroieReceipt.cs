using CustomsFn.Core.Extraction.Layout;

namespace CustomsFn.Core.Evaluation.Sroie;

/// <summary>
/// One SROIE 2019 receipt: its OCR lines as positioned words (one page, pixels) and its key truth. <see cref="Number"/>
/// is the file number (000-625): numbers up to <see cref="SroieSet.LastDevelopmentNumber"/> are the development half.
/// </summary>
public sealed record SroieReceipt(int Number, PageText Page, SroieTruth Truth)
{
    public bool IsDevelopment => Number <= SroieSet.LastDevelopmentNumber;

    public string Half => IsDevelopment ? SroieSet.DevelopmentHalf : SroieSet.TestHalf;
}

/// <summary>The four key values SROIE labels (any may be missing from a key file).</summary>
public sealed record SroieTruth(string? Company, string? Date, string? Address, string? Total);
