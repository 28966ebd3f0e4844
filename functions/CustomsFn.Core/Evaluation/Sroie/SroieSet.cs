using System.Globalization;
using CustomsFn.Core.Extraction.Layout;
using Newtonsoft.Json.Linq;

namespace CustomsFn.Core.Evaluation.Sroie;

/// <summary>
/// Reads the SROIE 2019 receipts (<c>data/box/NNN.csv</c>: x1,y1,...,x4,y4,text per OCR line, and
/// <c>data/key/NNN.json</c>: company, date, address, total) as positioned words for the layout engine. A line's words
/// get x positions interpolated over the line's box by character count, as an OCR engine would report them.
/// </summary>
public static class SroieSet
{
    public const string DevelopmentHalf = "sroie-dev";
    public const string TestHalf = "sroie-test";

    /// <summary>Files 000-312 are the development (training) half; 313-625 the held-out test half, reported only.</summary>
    public const int LastDevelopmentNumber = 312;

    /// <summary>Whether a folder is a SROIE set: the set's root, its <c>data</c> folder, or a folder with <c>box</c> and <c>key</c>.</summary>
    public static bool IsSroieFolder(string folder) => DataFolder(folder) is not null;

    public static List<SroieReceipt> Load(string folder)
    {
        var data = DataFolder(folder) ?? throw new DirectoryNotFoundException($"No SROIE box/ and key/ folders under {folder}.");
        var result = new List<SroieReceipt>();
        foreach (var box in Directory.EnumerateFiles(Path.Combine(data, "box"), "*.csv").Order(StringComparer.Ordinal))
        {
            var stem = Path.GetFileNameWithoutExtension(box);
            if (!int.TryParse(stem, NumberStyles.None, CultureInfo.InvariantCulture, out var number)) continue;
            var key = Path.Combine(data, "key", stem + ".json");
            if (!File.Exists(key)) continue;
            result.Add(new SroieReceipt(number, ReadPage(File.ReadAllLines(box)), ReadTruth(File.ReadAllText(key))));
        }
        return result;
    }

    private static string? DataFolder(string folder)
    {
        foreach (var candidate in new[] { folder, Path.Combine(folder, "data") })
            if (Directory.Exists(Path.Combine(candidate, "box")) && Directory.Exists(Path.Combine(candidate, "key"))) return candidate;
        return null;
    }

    public static SroieTruth ReadTruth(string json)
    {
        var o = JObject.Parse(json);
        static string? Text(JToken? t) => t?.Type == JTokenType.String && ((string)t!).Trim() is { Length: > 0 } s ? s : null;
        return new SroieTruth(Text(o["company"]), Text(o["date"]), Text(o["address"]), Text(o["total"]));
    }

    /// <summary>One page of words from the box lines; a line that is not 8 numbers and a text is skipped.</summary>
    public static PageText ReadPage(IEnumerable<string> boxLines)
    {
        ArgumentNullException.ThrowIfNull(boxLines);
        var words = new List<TextWord>();
        foreach (var raw in boxLines)
        {
            var parts = raw.Split(',', 9);
            if (parts.Length < 9) continue;
            var numbers = new double[8];
            var ok = true;
            for (var i = 0; i < 8 && ok; i++) ok = double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out numbers[i]);
            if (!ok) continue;
            double x0 = Math.Min(numbers[0], numbers[6]), x1 = Math.Max(numbers[2], numbers[4]);
            double top = Math.Min(numbers[1], numbers[3]), bottom = Math.Max(numbers[5], numbers[7]);
            if (x1 <= x0 || bottom <= top) continue;
            words.AddRange(SplitLine(parts[8], x0, top, x1, bottom));
        }
        var width = words.Count == 0 ? 1 : words.Max(w => w.X1);
        var height = words.Count == 0 ? 1 : words.Max(w => w.Bottom);
        return new PageText(1, width, height, PageText.Pixels, words);
    }

    /// <summary>The words of a line box, each spanning its share of the box by character position.</summary>
    public static IEnumerable<TextWord> SplitLine(string text, double x0, double top, double x1, double bottom)
    {
        ArgumentNullException.ThrowIfNull(text);
        var length = text.Length;
        if (length == 0) yield break;
        var perChar = (x1 - x0) / length;
        var i = 0;
        while (i < length)
        {
            while (i < length && char.IsWhiteSpace(text[i])) i++;
            var start = i;
            while (i < length && !char.IsWhiteSpace(text[i])) i++;
            if (i > start) yield return new TextWord(text[start..i], x0 + start * perChar, top, x0 + i * perChar, bottom);
        }
    }
}
