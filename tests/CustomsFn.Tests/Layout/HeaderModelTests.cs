using CustomsFn.Core.Contract;
using CustomsFn.Core.Extraction.Layout;
using CustomsFn.Core.Extraction.Layout.Candidates;
using CustomsFn.Core.Model;
using CustomsFn.Trainer;

namespace CustomsFn.Tests.Layout;

/// <summary>The header model: its candidates and features, the committed model file, and how the engine uses it.</summary>
public class HeaderModelTests
{
    private static readonly ExtractorInfo Info = new("test", "1");

    /// <summary>A receipt as OCR would give it: one text per (x, line), pixels, no recogniser confidence.</summary>
    private static PageText Receipt(params (double X, int Line, string Text)[] words) =>
        new(1, 600, 100 + words.Max(w => w.Line) * 30 + 40, PageText.Pixels,
            words.Select(w => new TextWord(w.Text, w.X, 100 + w.Line * 30, w.X + w.Text.Length * 9, 118 + w.Line * 30)).ToList());

    private static readonly (double, int, string)[] Shop =
    [
        (150, 0, "KEDAI RUNCIT MAJU SDN BHD"), (200, 1, "(123456-A)"), (120, 2, "NO 12, JALAN MERANTI 3,"), (140, 3, "81100 JOHOR BAHRU, JOHOR"),
        (150, 4, "TEL: 07-1234567"), (50, 6, "Date: 25/12/2018"), (300, 6, "10:21"),
        (50, 8, "Total Pcs.:"), (450, 8, "2"),
        (50, 9, "TOTAL"), (450, 9, "9.00"),
        (50, 10, "CASH"), (450, 10, "10.00"),
        (50, 11, "CHANGE"), (450, 11, "1.00"),
    ];

    private static Dictionary<string, List<HeaderCandidate>> CandidatesOf(PageText page) =>
        new Dictionary<string, List<HeaderCandidate>>(new LayoutFieldExtractor(null).ExtractWithCandidates([page], DocumentFormat.Image, Info).Candidates);

    private static double Feature(HeaderCandidate c, string name) => c.Features[Array.IndexOf(HeaderFeatures.Names[c.Field], name)];

    [Fact]
    public void Features_TotalBesideItsLabel_AgreesWithCashMinusChange()
    {
        var amounts = CandidatesOf(Receipt(Shop))[FieldNames.TotalAmount];
        var total = amounts.Single(c => (decimal)c.Value == 9.00m);

        Assert.Equal(1, Feature(total, "label_total_left"));
        Assert.Equal(1, Feature(total, "payment_minus_change"));
        Assert.Equal(0, Feature(total, "kw_payment"));
        Assert.Equal(1, Feature(amounts.Single(c => (decimal)c.Value == 10.00m), "kw_payment"));
        Assert.Equal(1, Feature(amounts.Single(c => (decimal)c.Value == 10.00m), "is_max"));
    }

    [Fact]
    public void Features_TotalPiecesCount_IsMarkedAsAQuantity()
    {
        var pieces = CandidatesOf(Receipt(Shop))[FieldNames.TotalAmount].Single(c => (decimal)c.Value == 2m);

        Assert.Equal(1, Feature(pieces, "kw_quantity"));
        Assert.Equal(0, Feature(pieces, "two_decimals"));
    }

    [Fact]
    public void Features_DueDate_IsMarkedAsAnotherDate()
    {
        var dates = CandidatesOf(Receipt((50, 0, "Invoice date: 02.03.2026"), (50, 1, "Due date: 01.04.2026"), (50, 3, "Total"), (400, 3, "5.00")))[FieldNames.IssueDate];

        Assert.Equal(1, Feature(dates.Single(d => (string)d.Value == "2026-03-02"), "label_date_left"));
        Assert.Equal(0, Feature(dates.Single(d => (string)d.Value == "2026-03-02"), "kw_other_date"));
        Assert.Equal(1, Feature(dates.Single(d => (string)d.Value == "2026-04-01"), "kw_other_date"));
    }

    [Fact]
    public void Features_NameWithLegalFormAndAddressSpan_AreCandidates()
    {
        var candidates = CandidatesOf(Receipt(Shop));
        var name = candidates[FieldNames.SellerName].Single(c => (string)c.Value == "KEDAI RUNCIT MAJU SDN BHD");
        var address = candidates[FieldNames.SellerAddress].Single(c => (string)c.Value == "NO 12, JALAN MERANTI 3, 81100 JOHOR BAHRU, JOHOR");

        Assert.Equal(1, Feature(name, "legal_form_last"));
        Assert.Equal(1, Feature(name, "is_first_text_line"));
        Assert.Equal(1, Feature(address, "postcode_last"));
        Assert.Equal(1, Feature(address, "next_is_contact"));
        Assert.Equal(1, Feature(address, "street_words"));
    }

    [Fact]
    public void Engine_WithTheModel_PicksTheTotalNotTheCashOrThePieces_AndTheLetterhead()
    {
        var fields = new LayoutFieldExtractor().Extract([Receipt(Shop)], DocumentFormat.Image, Info).Document.Fields;

        Assert.Equal(9.00m, fields.GetNumber(FieldNames.TotalAmount));
        Assert.Equal("2018-12-25", fields.GetText(FieldNames.IssueDate));
        Assert.Equal("KEDAI RUNCIT MAJU SDN BHD", fields.GetText(FieldNames.SellerName));
        Assert.Equal("NO 12, JALAN MERANTI 3, 81100 JOHOR BAHRU, JOHOR", fields.GetText(FieldNames.SellerAddress));
        Assert.All(new[] { FieldNames.TotalAmount, FieldNames.IssueDate, FieldNames.SellerName, FieldNames.SellerAddress },
            f => Assert.InRange(fields[f].Confidence!.Value, 0.01, 0.99));
    }

    [Fact]
    public void Engine_WithoutAModel_KeepsTheRules()
    {
        var rules = new LayoutFieldExtractor(null).Extract([Receipt(Shop)], DocumentFormat.Image, Info).Document.Fields;

        Assert.False(rules.ContainsKey(FieldNames.SellerAddress));
    }

    [Fact]
    public void CommittedModel_LoadsWithEveryScoredField_AndScoresAsLogisticWeights()
    {
        var model = HeaderModel.Default;

        Assert.Equal(HeaderFeatures.Fields.Order(StringComparer.Ordinal), model.Fields.Keys.Order(StringComparer.Ordinal));
        foreach (var (field, m) in model.Fields)
        {
            Assert.Equal(HeaderFeatures.Names[field], m.Features);
            var zero = new double[m.Weights.Length];
            Assert.Equal(m.Bias, m.Score(zero), 12);
            for (var i = 0; i < m.Weights.Length; i++)
            {
                var unit = new double[m.Weights.Length];
                unit[i] = 1;
                Assert.Equal(m.Bias + m.Weights[i], m.Score(unit), 12);
            }
            Assert.Equal(1 / (1 + Math.Exp(-(m.CalibrationBias + m.CalibrationWeights[0] * 2 + m.CalibrationWeights[1] * 0.5))), m.Calibrate(2, 0.5), 12);
        }
    }

    [Fact]
    public void Model_WhoseFeaturesDoNotMatchTheCode_IsRefused()
    {
        var json = HeaderModel.Default.ToJson().Replace("\"label_total_left\"", "\"label_sum_left\"", StringComparison.Ordinal);

        var e = Assert.Throws<InvalidDataException>(() => HeaderModel.Parse(json));
        Assert.Contains("retrain", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Pick_TheHighestScore_WithTheSoleCandidateMargin()
    {
        var model = new FieldModel(HeaderFeatures.Names[FieldNames.IssueDate], [.. HeaderFeatures.Names[FieldNames.IssueDate].Select((_, i) => i == 0 ? 2.0 : 0.0)], -1, [1, 0.5], 0);
        var header = new HeaderModel(1, "test", new() { [FieldNames.IssueDate] = model });
        HeaderCandidate Candidate(string value, double label) =>
            new(FieldNames.IssueDate, value, 1, [], [label, .. new double[HeaderFeatures.Names[FieldNames.IssueDate].Length - 1]]);

        var (best, p) = header.Pick(FieldNames.IssueDate, [Candidate("2026-01-01", 0), Candidate("2026-02-02", 1)])!.Value;
        var (_, sole) = header.Pick(FieldNames.IssueDate, [Candidate("2026-02-02", 1)])!.Value;

        Assert.Equal("2026-02-02", best.Value);
        Assert.Equal(1 / (1 + Math.Exp(-(1 + 0.5 * 2))), p, 12);
        Assert.Equal(1 / (1 + Math.Exp(-(1 + 0.5 * HeaderModel.SoleCandidateMargin))), sole, 12);
        Assert.Null(header.Pick(FieldNames.TotalAmount, [Candidate("x", 1)]));
    }

    /// <summary>The committed model is what <c>customs-train</c> produces from the repository's data and the corpus.</summary>
    [SkippableFact]
    public void CommittedModel_IsWhatTheTrainerProduces()
    {
        var sroie = TestPaths.RequireCorpus(Path.Combine("receipts", "sroie-2019"));
        var documents = TrainingDocument.Load(sroie, Path.Combine(TestPaths.Samples, "eval"));

        Assert.Equal(HeaderTrainer.TrainedOn, HeaderModel.Default.TrainedOn);
        var trained = HeaderTrainer.Train(documents, HeaderTrainer.TrainedOn).ToJson() + "\n";

        var committed = File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "functions", "CustomsFn.Core", "Extraction", "Layout", "Candidates", "header-model.json"));
        Assert.Equal(committed.ReplaceLineEndings("\n"), trained);
    }
}
