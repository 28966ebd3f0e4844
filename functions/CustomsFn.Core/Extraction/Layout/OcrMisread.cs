namespace CustomsFn.Core.Extraction.Layout;

/// <summary>How a number read by OCR can be the value a cross-check pins, with one recogniser error.</summary>
public enum OcrMisread
{
    /// <summary>Not explained by a single error (or no error at all).</summary>
    None,

    /// <summary>One digit read as another ("34.00" for "54.00").</summary>
    Digit,

    /// <summary>The decimal separator lost ("861" for "8,61"): the same digits, the point dropped by the recogniser.</summary>
    DecimalPoint,

    /// <summary>One digit too many or too few ("11.550,00" for "1.550,00": a speck read as a digit, or a digit lost).</summary>
    DigitCount,
}
