namespace CustomsFn.Core.Screening;

/// <summary>
/// Token-level name similarity: every token of one name is paired with at most one of the other (best pairs first, in any
/// order, so word order does not matter), each pair scored by Jaro-Winkler raised by a shared phonetic key or an initial;
/// numbers and Han/Hangul tokens must be equal. Unpaired tokens cost their weight; surplus tokens of the longer name cost less.
/// </summary>
public static class NameMatcher
{
    /// <summary>
    /// The best score of two names as written, over their forms (<see cref="NameNormalizer.Forms"/>): as written, and a name in Han
    /// or Hangul through its Latin reading against the other's Latin form (two readings are never compared with each other).
    /// </summary>
    public static float CompareNames(string query, string listed, MatcherOptions? options = null)
    {
        var best = 0f;
        foreach (var (q, qr) in NameNormalizer.Forms(query))
        {
            foreach (var (l, lr) in NameNormalizer.Forms(listed))
            {
                if (qr && lr) continue;
                best = Math.Max(best, Compare(q, l, options, explain: false).Score);
            }
        }
        return best;
    }

    public static NameScore Compare(NormalizedName query, NormalizedName listed, MatcherOptions? options = null, bool explain = true)
    {
        options ??= MatcherOptions.Default;
        var a = query.TokenArray;
        var b = listed.TokenArray;
        if (a.Length == 0 || b.Length == 0) return new NameScore(0, [], a.Length, b.Length);
        if (query.Key == listed.Key) return new NameScore(1f, explain ? a.Select(t => new TokenPair(t.Text, t.Text, 1f)).ToList() : [], 0, 0);
        if (query.Joined == listed.Joined)
            return new NameScore(options.JoinedSimilarity, explain ? [new TokenPair(string.Join(' ', a.Select(t => t.Text)), string.Join(' ', b.Select(t => t.Text)), options.JoinedSimilarity)] : [], 0, 0);

        // Initials abbreviate given names of people; in company names (a legal form on either side) a single letter is a suffix or a number ("SILVIA I").
        var initials = !query.HadLegalForm && !listed.HadLegalForm;
        var score = Pair(a, b, options, initials, explain);
        // Initials run together ("JC", "U.S.", "PLA") standing for as many consecutive words of the other name: compare again
        // with those words read as the initials, at most InitialsRunSimilarity.
        if (score.Score < options.InitialsRunSimilarity)
        {
            NameScore? expanded = null;
            string? initialsText = null, run = null;
            if (ExpandInitials(a, b, out var b2, out run) is { } t1) (expanded, initialsText) = (Pair(a, b2, options, initials, explain), t1);
            else if (ExpandInitials(b, a, out var a2, out run, wholeName: false) is { } t2) (expanded, initialsText) = (Pair(a2, b, options, initials, explain), t2);
            if (expanded is not null && Math.Min(expanded.Score, options.InitialsRunSimilarity) > score.Score)
            {
                score = expanded with
                {
                    Score = Math.Min(expanded.Score, options.InitialsRunSimilarity),
                    Pairs = [.. expanded.Pairs.Select(p => p.Query == initialsText && p.Listed == initialsText ? new TokenPair(p.Query, run!, options.InitialsRunSimilarity) : p)],
                };
            }
        }
        // Words joined or split with a typo, or a typo or two over the whole name ("Sechev" / "Sechin" alone costs a word): compare
        // the letters run together.
        // Numbers and Han/Hangul words must still be equal ("Trust 2004-1" is not "Trust 2004-2").
        var floor = a.Length != b.Length ? options.JoinedTypoFloor : options.WholeNameTypoFloor;
        var longer = Math.Max(query.Joined.Length, listed.Joined.Length);
        var maxEdits = (int)MathF.Floor((1f - floor) * longer + 1e-4f);
        if (score.Score < options.JoinedSimilarity * options.JoinedSimilarity && maxEdits > 0 && SameExactTokens(a, b)
            && BoundedEditDistance(query.Joined, listed.Joined, maxEdits) is var edits && edits <= maxEdits)
        {
            var joined = 1f - (float)edits / longer;
            if (joined >= floor && joined * options.JoinedSimilarity > score.Score)
            {
                var s = joined * options.JoinedSimilarity;
                score = new NameScore(s, explain ? [new TokenPair(string.Join(' ', a.Select(t => t.Text)), string.Join(' ', b.Select(t => t.Text)), s)] : [], 0, 0);
            }
        }
        return score;
    }

    /// <summary>True when both names have the same numbers and Han/Hangul words, the tokens that match only when equal.</summary>
    private static bool SameExactTokens(NameToken[] a, NameToken[] b)
    {
        int exactA = 0, exactB = 0;
        foreach (var t in a) if (t.Kind != TokenKind.Word) exactA++;
        foreach (var t in b) if (t.Kind != TokenKind.Word) exactB++;
        if (exactA != exactB) return false;
        if (exactA == 0) return true;
        static IEnumerable<string> Exact(NameToken[] t) => t.Where(x => x.Kind != TokenKind.Word).Select(x => x.Text).Order(StringComparer.Ordinal);
        return Exact(a).SequenceEqual(Exact(b));
    }

    /// <summary>
    /// A token of <paramref name="x"/> written as initials whose letters are the first letters of as many consecutive words of
    /// <paramref name="y"/>: returns it, with <paramref name="expanded"/> = <paramref name="y"/> with those words replaced by it.
    /// A whole name of initials is expanded only when <paramref name="wholeName"/> (the party's side).
    /// </summary>
    private static string? ExpandInitials(NameToken[] x, NameToken[] y, out NameToken[] expanded, out string? run, bool wholeName = true)
    {
        expanded = y;
        run = null;
        foreach (var t in x)
        {
            // Two initials alone ("N.N.") stand for too many names. A listed acronym alone ("SUT") is not expanded: its entity's
            // full name is listed too, and any three words with those first letters would match it ("Sato Upholstery Trading").
            if (!t.Initials || x.Length == 1 && (!wholeName || t.Text.Length < 3)) continue;
            var n = t.Text.Length;
            for (var start = 0; start + n <= y.Length; start++)
            {
                var spells = true;
                for (var k = 0; k < n && spells; k++) spells = y[start + k].Kind == TokenKind.Word && y[start + k].Text[0] == t.Text[k];
                if (!spells) continue;
                var weight = 0f;
                for (var k = 0; k < n; k++) weight = Math.Max(weight, y[start + k].Weight);
                run = string.Join(' ', y.Skip(start).Take(n).Select(w => w.Text));
                expanded = [.. y.Take(start), t with { Weight = weight, Place = false }, .. y.Skip(start + n)];
                return t.Text;
            }
        }
        return null;
    }

    private static NameScore Pair(NameToken[] a, NameToken[] b, MatcherOptions options, bool initials, bool explain)
    {
        // All pair similarities above the floor, best first; greedy one-to-one assignment.
        Span<float> sims = a.Length * b.Length <= 256 ? stackalloc float[a.Length * b.Length] : new float[a.Length * b.Length];
        for (var i = 0; i < a.Length; i++)
        {
            for (var j = 0; j < b.Length; j++) sims[i * b.Length + j] = TokenSimilarity(a[i], b[j], options, initials);
        }
        Span<bool> usedA = stackalloc bool[a.Length];
        Span<bool> usedB = stackalloc bool[b.Length];
        List<TokenPair>? pairs = explain ? new List<TokenPair>(Math.Min(a.Length, b.Length)) : null;
        float matched = 0, matchedWeight = 0;
        var pairCount = 0;
        var weakest = 1f;
        while (true)
        {
            var best = -1;
            var bestSim = 0f;
            for (var k = 0; k < sims.Length; k++)
            {
                if (sims[k] > bestSim && !usedA[k / b.Length] && !usedB[k % b.Length]) { bestSim = sims[k]; best = k; }
            }
            if (best < 0) break;
            int i = best / b.Length, j = best % b.Length;
            usedA[i] = true;
            usedB[j] = true;
            var w = Math.Max(a[i].Weight, b[j].Weight);
            matched += (options.SimilarityPower == 1f ? bestSim : MathF.Pow(bestSim, options.SimilarityPower)) * w;
            matchedWeight += w;
            pairCount++;
            weakest = bestSim;
            pairs?.Add(new TokenPair(a[i].Text, b[j].Text, bestSim));
        }
        if (pairCount == 0) return new NameScore(0, [], a.Length, b.Length);

        // Unpaired tokens: the shorter name's cost in full, the longer name's surplus (beyond the shorter's count) costs less.
        float unpairedA = 0, unpairedB = 0;
        int countA = 0, countB = 0;
        for (var i = 0; i < a.Length; i++) if (!usedA[i]) { unpairedA += a[i].Weight; countA++; }
        for (var j = 0; j < b.Length; j++) if (!usedB[j]) { unpairedB += b[j].Weight; countB++; }
        // One paired token does not carry a longer name: with a single pair, surplus tokens cost in full ("Atlas Logistics" is not "ATLAS").
        var surplus = pairCount == 1 ? 0 : Math.Abs(a.Length - b.Length);
        var extraRate = initials ? options.ExtraTokenPenalty : options.OrganisationExtraTokenPenalty;
        // Containment: the shorter name whole and closely inside the longer, which adds only place or branch words, is the same
        // company or its branch ("FABERLIC" in "FABERLIC EUROPE Sp. z o.o.", "Deutsche Bank" in "Deutsche Bank Schweiz AG").
        // Pairs are taken best first, so the last pair taken is the weakest.
        if (pairCount == Math.Min(a.Length, b.Length) && weakest >= options.ContainmentSimilarity && ContainedWithPlaceWords(a, usedA, b, usedB))
        {
            surplus = Math.Abs(a.Length - b.Length);
            extraRate = options.ExtraTokenPenalty;
        }
        float penalty;
        if (a.Length >= b.Length) penalty = Split(a, usedA, surplus, extraRate, options) + unpairedB * options.UnmatchedPenalty;
        else penalty = Split(b, usedB, surplus, extraRate, options) + unpairedA * options.UnmatchedPenalty;
        var score = matched / (matchedWeight + penalty);
        return new NameScore(Math.Clamp(score, 0f, 1f), (IReadOnlyList<TokenPair>?)pairs ?? [], countA, countB);
    }

    /// <summary>
    /// True when every unpaired token (all of them in the longer name) is a place or branch word and the paired tokens include
    /// a distinctive one (full weight, not a place).
    /// </summary>
    private static bool ContainedWithPlaceWords(NameToken[] a, Span<bool> usedA, NameToken[] b, Span<bool> usedB)
    {
        var distinctive = false;
        for (var i = 0; i < a.Length; i++)
        {
            if (!usedA[i]) { if (!a[i].Place) return false; continue; }
            distinctive |= a[i].Weight >= 1f && !a[i].Place;
        }
        for (var j = 0; j < b.Length; j++)
        {
            if (!usedB[j]) { if (!b[j].Place) return false; continue; }
            distinctive |= b[j].Weight >= 1f && !b[j].Place;
        }
        return distinctive;
    }

    /// <summary>The cost of the longer name's unpaired tokens: the lightest <paramref name="surplus"/> at the surplus rate, the rest in full.</summary>
    private static float Split(NameToken[] tokens, Span<bool> used, int surplus, float extraRate, MatcherOptions options)
    {
        Span<float> w = tokens.Length <= 64 ? stackalloc float[tokens.Length] : new float[tokens.Length];
        var n = 0;
        for (var i = 0; i < tokens.Length; i++) if (!used[i]) w[n++] = tokens[i].Weight;
        var unpaired = w[..n];
        unpaired.Sort();
        float cost = 0;
        for (var i = 0; i < n; i++) cost += unpaired[i] * (i < surplus ? extraRate : options.UnmatchedPenalty);
        return cost;
    }

    /// <summary>How alike two tokens are (0 when below the floor).</summary>
    public static float TokenSimilarity(NameToken x, NameToken y, MatcherOptions options, bool initials = true)
    {
        if (x.Text == y.Text) return 1f;
        if (x.Kind != TokenKind.Word || y.Kind != TokenKind.Word) return 0f; // numbers and Han/Hangul: equal or nothing
        float sim;
        if (x.Text.Length == 1 || y.Text.Length == 1)
        {
            // An initial matches the word it abbreviates, nothing else.
            var (initial, word) = x.Text.Length == 1 ? (x.Text, y.Text) : (y.Text, x.Text);
            return initials && word[0] == initial[0] ? options.InitialSimilarity : 0f;
        }
        // Jaro-Winkler, capped by the edit distance: JW alone rates a short word inside a long one highly ("star" in "software").
        // Diminutives and variants of one given name ("Bibi" / "Benjamin"), between people's names only.
        if (initials && GivenNameVariants.AreVariants(x.Text, y.Text)) return options.GivenNameVariantSimilarity;
        var jw = JaroWinkler(x.Text, y.Text);
        var samePhonetic = x.Phonetic == y.Phonetic;
        // Nothing can lift a pair below the floor except a shared phonetic key or a consonant skeleton: skip the edit distance.
        if (jw < options.TokenFloor && !samePhonetic && x.Abjad == y.Abjad) return 0f;
        var edit = LevenshteinSimilarity(x.Text, y.Text);
        sim = Math.Min(jw, edit + options.EditSlack);
        // Arabic and Persian spell no short vowels: compare consonant skeletons ("mhmd" and "Muhammad").
        if (x.Abjad != y.Abjad) sim = Math.Max(sim, JaroWinkler(x.Phonetic, y.Phonetic) * options.PhoneticSimilarity);
        // Same phonetic key: a spelling variant, when the spellings are not far apart ("Unity" and "Akhund" share a key by chance).
        if (samePhonetic && Math.Min(x.Text.Length, y.Text.Length) >= 3 && edit >= 0.5f) sim = Math.Max(sim, options.PhoneticSimilarity);
        return sim >= options.TokenFloor ? sim : 0f;
    }

    /// <summary>The edit distance of two strings when it is at most <paramref name="max"/>, else <paramref name="max"/> + 1 (only a band of the table is filled).</summary>
    public static int BoundedEditDistance(string s, string t, int max)
    {
        if (Math.Abs(s.Length - t.Length) > max) return max + 1;
        if (s == t) return 0;
        const int Inf = int.MaxValue / 2;
        Span<int> prev = t.Length < 256 ? stackalloc int[t.Length + 1] : new int[t.Length + 1];
        Span<int> cur = t.Length < 256 ? stackalloc int[t.Length + 1] : new int[t.Length + 1];
        for (var j = 0; j <= t.Length; j++) prev[j] = j <= max ? j : Inf;
        for (var i = 1; i <= s.Length; i++)
        {
            int lo = Math.Max(1, i - max), hi = Math.Min(t.Length, i + max);
            cur.Fill(Inf);
            cur[0] = i <= max ? i : Inf;
            var rowMin = cur[0];
            for (var j = lo; j <= hi; j++)
            {
                cur[j] = Math.Min(Math.Min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + (s[i - 1] == t[j - 1] ? 0 : 1));
                rowMin = Math.Min(rowMin, cur[j]);
            }
            if (rowMin > max) return max + 1;
            cur.CopyTo(prev);
        }
        return Math.Min(prev[t.Length], max + 1);
    }

    /// <summary>1 - edit distance / longer length.</summary>
    public static float LevenshteinSimilarity(string s, string t)
    {
        if (s == t) return 1f;
        if (s.Length == 0 || t.Length == 0) return 0f;
        Span<int> prev = t.Length < 256 ? stackalloc int[t.Length + 1] : new int[t.Length + 1];
        Span<int> cur = t.Length < 256 ? stackalloc int[t.Length + 1] : new int[t.Length + 1];
        for (var j = 0; j <= t.Length; j++) prev[j] = j;
        for (var i = 1; i <= s.Length; i++)
        {
            cur[0] = i;
            for (var j = 1; j <= t.Length; j++)
                cur[j] = Math.Min(Math.Min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + (s[i - 1] == t[j - 1] ? 0 : 1));
            cur.CopyTo(prev);
        }
        return 1f - (float)prev[t.Length] / Math.Max(s.Length, t.Length);
    }

    /// <summary>Jaro-Winkler similarity (prefix scale 0.1, prefix up to 4 characters).</summary>
    public static float JaroWinkler(string s1, string s2)
    {
        if (s1 == s2) return 1f;
        int len1 = s1.Length, len2 = s2.Length;
        if (len1 == 0 || len2 == 0) return 0f;
        var range = Math.Max(0, Math.Max(len1, len2) / 2 - 1);
        Span<bool> m1 = len1 <= 128 ? stackalloc bool[len1] : new bool[len1];
        Span<bool> m2 = len2 <= 128 ? stackalloc bool[len2] : new bool[len2];
        var matches = 0;
        for (var i = 0; i < len1; i++)
        {
            var lo = Math.Max(0, i - range);
            var hi = Math.Min(i + range + 1, len2);
            for (var j = lo; j < hi; j++)
            {
                if (m2[j] || s1[i] != s2[j]) continue;
                m1[i] = m2[j] = true;
                matches++;
                break;
            }
        }
        if (matches == 0) return 0f;
        var transpositions = 0;
        for (int i = 0, k = 0; i < len1; i++)
        {
            if (!m1[i]) continue;
            while (!m2[k]) k++;
            if (s1[i] != s2[k]) transpositions++;
            k++;
        }
        float m = matches;
        var jaro = (m / len1 + m / len2 + (m - transpositions / 2f) / m) / 3f;
        var prefix = 0;
        for (var i = 0; i < Math.Min(4, Math.Min(len1, len2)) && s1[i] == s2[i]; i++) prefix++;
        return jaro + prefix * 0.1f * (1f - jaro);
    }
}
