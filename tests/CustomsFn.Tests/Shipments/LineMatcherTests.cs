using CustomsFn.Core.Model;
using CustomsFn.Core.Shipments;
using static CustomsFn.Tests.Shipments.ShipmentDocs;

namespace CustomsFn.Tests.Shipments;

public sealed class LineMatcherTests
{
    [Theory]
    [InlineData("Ball bearing, deep groove, 62 mm", "Deep groove ball bearings 62mm", 0.7)]
    [InlineData("LED driver 40W constant current", "Constant current LED drivers 40 W", 0.7)]
    [InlineData("Kugellager", "KUGELLAGER", 0.99)]
    public void Description_SimilarWordingScoresHigh(string a, string b, double atLeast) =>
        Assert.True(TextSimilarity.Description(a, b) >= atLeast, $"{TextSimilarity.Description(a, b)} < {atLeast}");

    [Theory]
    [InlineData("Ball bearing, deep groove", "HDMI cable 2 m")]
    [InlineData("Men's cotton knit polo shirt", "Children's denim trousers")]
    public void Description_UnrelatedGoodsScoreLow(string a, string b) =>
        Assert.True(TextSimilarity.Description(a, b) < 0.35, $"{TextSimilarity.Description(a, b)}");

    [Theory]
    [InlineData("Rheinwerk Antriebe GmbH", "RHEINWERK ANTRIEBE", true)]
    [InlineData("Shenzhen Bright Lamp Co., Ltd.", "Bright Lamp (Shenzhen) Company Limited", true)]
    [InlineData("Müller Maschinenbau AG", "Mueller Maschinenbau", true)]
    [InlineData("Distribuidora Electronica del Norte S.A. de C.V.", "Comercializadora Pacifico S.A. de C.V.", false)]
    public void PartyName_IgnoresLegalFormsCaseAndDiacritics(string a, string b, bool same) =>
        Assert.Equal(same, TextSimilarity.PartyName(a, b) >= ShipmentReconciler.PartyNameThreshold);

    [Fact]
    public void Assignment_FindsTheBestTotal_WhereGreedyPairingFails()
    {
        // Greedy takes (0,0)=0.9 first and leaves row 1 with 0.1; the best total pairs (0,1) and (1,0).
        var score = new double[,] { { 0.9, 0.8 }, { 0.85, 0.1 } };
        Assert.Equal([1, 0], Assignment.Maximize(score, 0.5));
    }

    [Fact]
    public void Assignment_MatchesBruteForce_OnRandomRectangularMatrices()
    {
        var random = new Random(7);
        for (var round = 0; round < 200; round++)
        {
            int rows = random.Next(1, 6), cols = random.Next(1, 6);
            var score = new double[rows, cols];
            for (var i = 0; i < rows; i++)
                for (var j = 0; j < cols; j++) score[i, j] = Math.Round(random.NextDouble(), 3);
            var assigned = Assignment.Maximize(score, 0.4);
            Assert.Equal(assigned.Where(c => c >= 0).Count(), assigned.Where(c => c >= 0).Distinct().Count());
            var total = assigned.Select((c, i) => c >= 0 ? score[i, c] : 0).Sum();
            Assert.Equal(BruteForce(score, 0.4, 0, new bool[cols]), total, 9);
            Assert.All(assigned.Select((c, i) => (c, i)).Where(p => p.c >= 0), p => Assert.True(score[p.i, p.c] >= 0.4));
        }
    }

    private static double BruteForce(double[,] score, double minimum, int row, bool[] used)
    {
        if (row == score.GetLength(0)) return 0;
        var best = BruteForce(score, minimum, row + 1, used); // row left unmatched
        for (var j = 0; j < used.Length; j++)
        {
            if (used[j] || score[row, j] < minimum) continue;
            used[j] = true;
            best = Math.Max(best, score[row, j] + BruteForce(score, minimum, row + 1, used));
            used[j] = false;
        }
        return best;
    }

    [Fact]
    public void Match_PairsReorderedRewordedLines_AndLeavesStrangersUnmatched()
    {
        var invoice = Doc(DocumentType.CommercialInvoice, _ => { },
            Line("Helical gear reducer, ratio 1:20", "848340", 40),
            Line("Ball bearing, deep groove, 62 mm", "848210", 120),
            Line("Lubricating grease, lithium complex", "340319", 60, "KGM"));
        var packing = Doc(DocumentType.PackingList, _ => { },
            Line("Deep groove ball bearings 62mm", "848210", 120),
            Line("HDMI cable 2 m", "854442", 40),
            Line("Gear reducer helical 1:20", "848340", 40));
        var m = LineMatcher.Match(
            invoice.Lines.Select((l, i) => new LineRef(invoice, i, l)).ToList(),
            packing.Lines.Select((l, i) => new LineRef(packing, i, l)).ToList());
        Assert.Equal([(0, 2), (1, 0)], m.Pairs.Select(p => (p.Left.Index, p.Right.Index)));
        Assert.Equal([2], m.UnmatchedLeft.Select(l => l.Index));
        Assert.Equal([1], m.UnmatchedRight.Select(l => l.Index));
    }

    [Fact]
    public void Match_SameHsCodeOnTwoLines_IsDecidedByDescription()
    {
        var invoice = Doc(DocumentType.CommercialInvoice, _ => { }, Line("Collet chuck ER32", "846620", 50), Line("Tool holder BT40", "846620", 30));
        var cert = Doc(DocumentType.CertificateOfOrigin, _ => { }, Line("BT40 tool holders", "846620", 30), Line("ER32 collet chucks", "846620", 50));
        var m = LineMatcher.Match(invoice.Lines.Select((l, i) => new LineRef(invoice, i, l)).ToList(), cert.Lines.Select((l, i) => new LineRef(cert, i, l)).ToList());
        Assert.Equal([(0, 1), (1, 0)], m.Pairs.Select(p => (p.Left.Index, p.Right.Index)));
    }

    [Fact]
    public void Score_PositionAloneIsNoEvidence()
    {
        var a = new FieldSet();
        a.Set(FieldNames.Quantity, 1m);
        Assert.Equal(0, LineMatcher.Score(a, 0, 1, a, 0, 1));
        Assert.Null(LineMatcher.HsSimilarity("84", "8471"));
        Assert.Equal(1, LineMatcher.HsSimilarity("8471.30.01", "847130"));
        Assert.Equal(0.5, LineMatcher.HsSimilarity("847130", "847141"));
    }

    [Fact]
    public void Match_ALongShuffledRewordedList_IsRecoveredExactly()
    {
        string[] adjectives = ["steel", "brass", "plastic", "copper", "aluminium", "rubber", "glass", "ceramic", "nylon", "zinc"];
        string[] nouns = ["bolt", "washer", "valve", "hinge", "bracket", "gasket", "spring", "clamp", "flange", "nozzle", "pulley", "bushing", "coupling", "sleeve", "fitting", "rivet", "pin", "shaft", "gear", "cap"];
        const int n = 200;
        var invoiceLines = new List<FieldSet>();
        var packingLines = new List<FieldSet>();
        var order = Enumerable.Range(0, n).OrderBy(i => (i * 7919) % n).ToList();
        for (var i = 0; i < n; i++)
        {
            var (adj, noun, size) = (adjectives[i % 10], nouns[i / 10 % 20], 4 + i % 7);
            invoiceLines.Add(Line($"{adj} {noun} M{size}, model {i}", $"73{18 + i % 3}{(i % 90) + 10:00}", 10 + i));
        }
        foreach (var i in order)
        {
            var (adj, noun, size) = (adjectives[i % 10], nouns[i / 10 % 20], 4 + i % 7);
            packingLines.Add(Line($"Model {i} {noun}s ({adj}) M{size}", $"73{18 + i % 3}{(i % 90) + 10:00}", 10 + i));
        }
        var invoice = Doc(DocumentType.CommercialInvoice, _ => { }, [.. invoiceLines]);
        var packing = Doc(DocumentType.PackingList, _ => { }, [.. packingLines]);
        var m = LineMatcher.Match(invoice.Lines.Select((l, i) => new LineRef(invoice, i, l)).ToList(), packing.Lines.Select((l, i) => new LineRef(packing, i, l)).ToList());
        Assert.Equal(n, m.Pairs.Count);
        Assert.All(m.Pairs, p => Assert.Equal(p.Left.Index, order[p.Right.Index]));
    }
}
