using CustomsFn.Core.Conformance;
using Xunit.Abstractions;

namespace CustomsFn.Tests.Conformance;

/// <summary>Agreement with the official EN 16931 rule tests, held-out part first; the per-rule table and every disagreement go to the test output.</summary>
public sealed class En16931RuleTests(ITestOutputHelper output)
{
    [SkippableFact]
    public void OfficialRuleTests_AgreeWithTheExpectedVerdicts()
    {
        var corpus = TestPaths.RequireCorpus(En16931RuleTestSuite.VerdictsFile);
        corpus = TestPaths.Corpus;
        var verdicts = En16931RuleTestSuite.ReadVerdicts(corpus);
        Assert.Equal(1142, verdicts.Count);
        var outcomes = En16931RuleTestSuite.Run(corpus, verdicts, ConformanceValidator.Default);
        output.WriteLine(En16931RuleTestSuite.Report(outcomes));

        var heldOut = outcomes.Where(o => o.Verdict.HeldOut).ToList();
        Assert.InRange(heldOut.Count, 250, 450);
        Assert.True(En16931RuleTestSuite.Percent(heldOut) >= HeldOutFloor, $"held-out agreement {En16931RuleTestSuite.Percent(heldOut):0.00} % is below {HeldOutFloor} %");
        Assert.True(En16931RuleTestSuite.Percent(outcomes) >= AllFloor, $"overall agreement {En16931RuleTestSuite.Percent(outcomes):0.00} % is below {AllFloor} %");
    }

    private const double HeldOutFloor = 98.5;
    private const double AllFloor = 99.5;
}
