namespace CustomsFn.Core.Extraction.Ocr.Paddle;

/// <summary>One recognised text line: its characters, the time step each was read at, and their mean probability.</summary>
public sealed record CtcText(string Text, IReadOnlyList<int> Steps, float Confidence);

/// <summary>
/// Greedy CTC decoding of the PP-OCR recogniser's output ([T, C] softmax per line): the most probable class per time
/// step, repeats collapsed, blanks (class 0) dropped; class k (1..N) is the dictionary's k-th character and class N+1
/// the space PaddleOCR appends (use_space_char). Confidence: the mean of the kept steps' probabilities.
/// </summary>
public sealed class CtcDecoder
{
    private readonly string[] _classes;

    /// <summary>A decoder for <paramref name="dictionary"/> (one character per entry, as ppocr_keys_v1.txt lists them).</summary>
    public CtcDecoder(IReadOnlyList<string> dictionary)
    {
        ArgumentNullException.ThrowIfNull(dictionary);
        _classes = ["", .. dictionary, " "];
    }

    /// <summary>Classes the recogniser's output must have: blank, the dictionary, the space.</summary>
    public int Classes => _classes.Length;

    public CtcText Decode(ReadOnlySpan<float> probs, int steps, int classes)
    {
        if (classes != _classes.Length) throw new ArgumentException($"The recogniser gives {classes} classes; the dictionary has {_classes.Length} (blank, characters, space).", nameof(classes));
        if (probs.Length < steps * classes) throw new ArgumentException("Too few probabilities for the steps.", nameof(probs));
        var text = new System.Text.StringBuilder();
        var kept = new List<int>();
        double sum = 0;
        var previous = -1;
        for (var t = 0; t < steps; t++)
        {
            var row = probs.Slice(t * classes, classes);
            var best = 0;
            var p = row[0];
            for (var c = 1; c < classes; c++)
            {
                if (row[c] > p)
                {
                    p = row[c];
                    best = c;
                }
            }
            if (best != 0 && best != previous)
            {
                text.Append(_classes[best]);
                kept.Add(t);
                sum += p;
            }
            previous = best;
        }
        return new CtcText(text.ToString(), kept, kept.Count == 0 ? 0 : (float)(sum / kept.Count));
    }
}
