using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace CustomsFn.Cli.Commands;

public sealed class EvalSettings : CommandSettings
{
    [CommandArgument(0, "<folders>")]
    [Description("Folders with labelled documents: samples/eval (expected/<file>.expected.json), invoice2data's tests/compare, or the SROIE 2019 receipts (a folder with box/ and key/, e.g. ../shared/corpus/receipts/sroie-2019: scored per half, the test half 313-625 first).")]
    public string[] Folders { get; set; } = [];

    [CommandOption("-o|--out <FILE>")]
    [Description("Also write the report as JSON to this file.")]
    public string? Out { get; set; }

    [CommandOption("--details")]
    [Description("List every wrong value per document.")]
    public bool Details { get; set; }

    [CommandOption("--as-scans [DPI]")]
    [Description("Render the PDFs of the folders to images at DPI (default 200) with poppler's pdftoppm and score those instead, read as scans (the same truth). Sets are named <set>-scans.")]
    public FlagValue<int>? AsScans { get; set; }

    [CommandOption("--damage <KIND>")]
    [Description("With --as-scans: damage the rendered pages like an office scan (scan: skew, blur, dust, JPEG) or a phone photo (photo: perspective, uneven light, shadow, noise, JPEG), deterministically per document.")]
    public string? Damage { get; set; }

    [CommandOption("--ocr-engine <ENGINE>")]
    [Description("The OCR engine that reads scans once the language probe has chosen: auto (default: PaddleOCR for Chinese pages, Tesseract for the others), tesseract or paddle (every page), to measure one against the other.")]
    public string? OcrEngine { get; set; }

    /// <summary>The engine asked for; null when <see cref="OcrEngine"/> names none.</summary>
    public CustomsFn.Core.Extraction.Ocr.OcrEngineKind? OcrEngineKind => OcrEngine?.ToLowerInvariant() switch
    {
        null or "auto" => CustomsFn.Core.Extraction.Ocr.OcrEngineKind.Auto,
        "tesseract" => CustomsFn.Core.Extraction.Ocr.OcrEngineKind.Tesseract,
        "paddle" => CustomsFn.Core.Extraction.Ocr.OcrEngineKind.Paddle,
        _ => null,
    };

    /// <summary>The damage asked for; null when <see cref="Damage"/> names none.</summary>
    public CustomsFn.Core.Evaluation.ScanDamageKind? DamageKind => Damage?.ToLowerInvariant() switch
    {
        null => CustomsFn.Core.Evaluation.ScanDamageKind.None,
        "scan" => CustomsFn.Core.Evaluation.ScanDamageKind.Scan,
        "photo" => CustomsFn.Core.Evaluation.ScanDamageKind.Photo,
        _ => null,
    };

    public override ValidationResult Validate()
    {
        if (AsScans is { IsSet: true, Value: var dpi } && dpi != 0 && dpi is < 50 or > 600) return ValidationResult.Error("--as-scans takes a resolution from 50 to 600 dpi.");
        if (Damage is not null && AsScans is not { IsSet: true }) return ValidationResult.Error("--damage applies to --as-scans.");
        if (Damage is not null && DamageKind is null) return ValidationResult.Error("--damage is scan or photo.");
        if (OcrEngineKind is null) return ValidationResult.Error("--ocr-engine is auto, tesseract or paddle.");
        if (Folders.Length == 0) return ValidationResult.Error("Give at least one folder.");
        foreach (var f in Folders)
            if (!Directory.Exists(f)) return ValidationResult.Error($"'{f}' is not a folder.");
        return ValidationResult.Success();
    }
}
