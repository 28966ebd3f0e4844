using CustomsFn.Core.Evaluation;
using CustomsFn.Core.Evaluation.Sroie;

namespace CustomsFn.Tests.Layout;

/// <summary>The SROIE 2019 receipts as a held-out set: reading, scoring, and the figures on the test half (313-625).</summary>
public class SroieEvaluationTests
{
    [Fact]
    public void SplitLine_GivesEachWordItsShareOfTheBox()
    {
        var words = SroieSet.SplitLine("TOTAL 9.00", 0, 10, 100, 30).ToList();

        Assert.Equal(["TOTAL", "9.00"], words.Select(w => w.Text));
        Assert.Equal((0, 50), (words[0].X0, words[0].X1));
        Assert.Equal((60, 100), (words[1].X0, words[1].X1));
        Assert.All(words, w => Assert.Equal((10, 30), (w.Top, w.Bottom)));
    }

    [Fact]
    public void ReadPage_KeepsCommasInTheText_AndSkipsBadLines()
    {
        var page = SroieSet.ReadPage(["110,144,383,144,383,163,110,163,NO.53 55,57 & 59, JALAN SAGU 18,", "not,a,box", "1,2,3"]);

        Assert.Equal(["NO.53", "55,57", "&", "59,", "JALAN", "SAGU", "18,"], page.Words.Select(w => w.Text));
        Assert.Equal("px", page.Unit);
    }

    [Fact]
    public void ReadTruth_MissingOrEmptyKeysAreNull()
    {
        var truth = SroieSet.ReadTruth("""{ "company": "A SDN BHD", "date": "", "total": "9.00" }""");

        Assert.Equal(new SroieTruth("A SDN BHD", null, null, "9.00"), truth);
    }

    [Theory]
    [InlineData("25/12/2018", "2018-12-25", true)]
    [InlineData("02/03/2018", "2018-03-02", true)]
    [InlineData("02/03/2018", "2018-02-03", false)]
    public void Date_IsReadDayFirst(string truth, string read, bool right) => Assert.Equal(right, SroieScoring.DateRight(truth, read));

    [Fact]
    public void Company_IsExactAfterWhiteSpaceAndCase_Total_AfterCurrency()
    {
        Assert.True(SroieScoring.CompanyRight("BOOK TA .K (TAMAN DAYA) SDN BHD", "book ta .k  (taman daya) sdn bhd"));
        Assert.False(SroieScoring.CompanyRight("BOOK TA .K (TAMAN DAYA) SDN BHD", "BOOK TA .K(TAMAN DAYA) SDN BHD"));
        Assert.True(SroieScoring.TotalRight("RM 1,009.00", 1009m));
        Assert.False(SroieScoring.TotalRight("9.00", 9.01m));
    }

    [Fact]
    public void Address_TokenF1_CountsFromTheThreshold()
    {
        const string truth = "NO.53 55,57 & 59, JALAN SAGU 18, TAMAN DAYA, 81100 JOHOR BAHRU, JOHOR.";

        Assert.Equal(1, SroieScoring.AddressOverlap(truth, "NO 53 55 57 59 JALAN SAGU 18 TAMAN DAYA 81100 JOHOR BAHRU JOHOR"), 9);
        // 10 of 14 tokens read (JOHOR is there twice), nothing extra: precision 1, recall 10/14, F1 = 20/24.
        Assert.Equal(20.0 / 24, SroieScoring.AddressOverlap(truth, "NO 53 55 57 59 JALAN SAGU 18 TAMAN DAYA"), 9);
        Assert.Equal(0, SroieScoring.AddressOverlap(truth, null));
    }

    [Fact]
    public void Calibration_BandsAndExpectedCalibrationError()
    {
        var table = CalibrationTable.Of([(0.95, true), (0.95, false), (0.6, true), (0.6, true)]);

        var high = table.Bands.Single(b => b.Low == 0.95);
        Assert.Equal((2, 1), (high.Values, high.Right));
        Assert.Equal(2, table.Bands.Single(b => b.Low == 0.5).Values);
        // Two values at 0.95 half right (|0.5 - 0.95|), two at 0.6 all right (|1 - 0.6|): (0.45 + 0.4) / 2.
        Assert.Equal(0.425, table.ExpectedCalibrationError, 9);
        Assert.Equal(0.5, table.HighAccuracy, 9);
    }

    private static readonly Lazy<SroieReport> Report = new(() =>
        SroieEvaluator.Evaluate(SroieSet.Load(TestPaths.RequireCorpus(Path.Combine("receipts", "sroie-2019")))));

    /// <summary>Issue #19's SROIE acceptance on the held-out half, as far as it is met (company is not: see docs/extraction.md).</summary>
    [SkippableFact]
    public void TestHalf_TotalDateAndAddress_MeetTheIssueFigures()
    {
        var test = Report.Value.Test;

        Assert.Equal(313, test.Receipts);
        Assert.True(test.Accuracy(SroieEvaluator.Total) >= 0.90, $"total {test.Accuracy(SroieEvaluator.Total):0.000}");
        Assert.True(test.Accuracy(SroieEvaluator.Date) >= 0.95, $"date {test.Accuracy(SroieEvaluator.Date):0.000}");
        Assert.True(test.Accuracy(SroieEvaluator.Address) >= 0.80, $"address {test.Accuracy(SroieEvaluator.Address):0.000}");
    }

    [SkippableFact]
    public void TestHalf_ValuesGiven09OrMore_AreRightAtLeast97Percent()
    {
        var table = CalibrationTable.Of(Report.Value.Values.Where(v => v.Set == SroieSet.TestHalf && v.Confidence is not null).Select(v => (v.Confidence!.Value, v.Correct)));

        Assert.True(table.HighValues >= 300, $"{table.HighValues} values at 0.9 or more");
        Assert.True(table.HighAccuracy >= 0.97, $"{table.HighAccuracy:0.000} right at 0.9 or more");
    }
}
