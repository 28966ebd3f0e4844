using System.Xml.Linq;
using CustomsFn.Core.Conformance;
using CustomsFn.Core.Contract;

namespace CustomsFn.Tests.Conformance;

/// <summary>The rule engine itself: loading and refusing rule files, first match per pattern, decimal functions, locations.</summary>
public sealed class ConformanceEngineTests
{
    private static ConformanceRuleSet RuleSet(string patterns) => ConformanceRuleSet.Load(XDocument.Parse($"""
        <ruleset id="T" version="1" title="test" source="test" root-namespace="urn:t">
          <ns prefix="t" uri="urn:t"/>
          <let name="POS" value="f:dec(t:A) &gt; 0"/>
          <vat-model lines="t:Line" line-category="t:Cat" line-rate="t:Rate" line-amount="t:Amount" allowance-charges="t:AC" is-charge="t:Charge = 'true'" ac-category="t:Cat" ac-rate="t:Rate" ac-amount="t:Amount"/>
          {patterns}
        </ruleset>
        """));

    private static IReadOnlyList<ConformanceFinding> Run(ConformanceRuleSet rules, string xml) =>
        ConformanceValidator.Validate(XDocument.Parse(xml, LoadOptions.SetLineInfo).Root!, rules).Findings;

    [Theory]
    [InlineData("f:r2(0.125) = 0.13")]
    [InlineData("f:r2(-0.125) = -0.12")]
    [InlineData("f:r2(18310.63 - 17808) = 502.63")]
    [InlineData("f:r2(0.1 + 0.2) = 0.3")]
    [InlineData("f:sum(t:N) = 0.3")]
    [InlineData("f:dec(' 12.50 ') = 12.5")]
    [InlineData("string(f:dec('abc')) = 'NaN'")]
    [InlineData("f:abs(-2) = 2")]
    [InlineData("f:distinct(t:N) = 2")]
    [InlineData("f:in('UNECERec21', 'XPP')")]
    [InlineData("not(f:in('ISO4217', 'EURO'))")]
    [InlineData("f:taxable('S', 19) = 110")]
    [InlineData("f:taxable('S') = 115")]
    [InlineData("f:has-category('S', 7) and not(f:has-category('S', 20))")]
    public void Functions_ComputeInDecimalAsXPath2Would(string test)
    {
        var rules = RuleSet($"""<pattern id="p"><rule context="t:Doc"><assert id="X-1" flag="fatal" test="{System.Security.SecurityElement.Escape(test)}">m</assert></rule></pattern>""");
        var findings = Run(rules, """
            <Doc xmlns="urn:t"><N>0.1</N><N>0.2</N>
              <Line><Cat>S</Cat><Rate>19</Rate><Amount>100</Amount></Line>
              <Line><Cat>S</Cat><Rate>7</Rate><Amount>5</Amount></Line>
              <Line><Cat>Z</Cat><Rate>0</Rate><Amount>40</Amount></Line>
              <AC><Charge>true</Charge><Cat>S</Cat><Rate>19</Rate><Amount>20</Amount></AC>
              <AC><Charge>false</Charge><Cat>S</Cat><Rate>19.0</Rate><Amount>10</Amount></AC>
            </Doc>
            """);
        Assert.Empty(findings);
    }

    [Fact]
    public void FirstMatchingRuleInAPattern_IsTheOnlyOneApplied_OtherPatternsStillApply()
    {
        var rules = RuleSet("""
            <pattern id="a">
              <rule context="t:Item" where="@kind = 'special'"><assert id="A-1" flag="fatal" test="false()">special</assert></rule>
              <rule context="t:Item"><assert id="A-2" flag="warning" test="false()">general</assert></rule>
            </pattern>
            <pattern id="b">
              <rule context="t:Item"><assert id="B-1" flag="fatal" test="{POS}">positive</assert></rule>
            </pattern>
            """);
        var findings = Run(rules, """
            <Doc xmlns="urn:t">
              <Item kind="special"><A>1</A></Item>
              <Item><A>-1</A></Item>
            </Doc>
            """);
        Assert.Equal(["A-1", "A-2", "B-1"], findings.Select(f => f.RuleId));
        Assert.Equal(Severity.Warning, findings[1].Severity);
        Assert.Equal("/Doc/Item[2]", findings[2].Location);
        Assert.Equal(3, findings[2].Line);
    }

    [Theory]
    [InlineData("""<assert id="X" flag="fatal" test="f:nope(1)">m</assert>""", "does not compile")]
    [InlineData("""<assert id="X" flag="error" test="true()">m</assert>""", "unknown flag")]
    [InlineData("""<assert id="X" flag="fatal" test="true()">m</assert><assert id="X" flag="fatal" test="true()">m</assert>""", "defined twice")]
    [InlineData("""<assert id="X" flag="fatal" test="t:A[">m</assert>""", "does not compile")]
    public void BrokenRuleFile_IsRefusedWhenLoaded(string assert, string expected)
    {
        var ex = Assert.Throws<InvalidDataException>(() => RuleSet($"""<pattern id="p"><rule context="t:Doc">{assert}</rule></pattern>"""));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ShippedRuleSets_LoadWithOfficialIdsAndVersions()
    {
        var sets = ConformanceValidator.Default.RuleSets;
        Assert.Equal(["EN16931-UBL 1.3.16", "EN16931-CII 1.3.16", "PEPPOL-BIS3-UBL 3.0.18", "PEPPOL-BIS3-CII 3.0.18", "XRECHNUNG-UBL 3.0.2", "XRECHNUNG-CII 3.0.2"], sets.Select(s => s.Label));
        Assert.Equal([false, false, true, true, true, true], sets.Select(s => s.IsCius));
        var ubl = sets[0].Asserts.Select(a => a.Id).ToHashSet();
        foreach (var id in new[] { "BR-01", "BR-65", "BR-CO-10", "BR-CO-26", "BR-DEC-23", "BR-S-08", "BR-AE-10", "BR-IC-12", "BR-IG-09", "BR-IP-10", "BR-O-14", "BR-CL-23", "BR-Z-10", "BR-E-01", "BR-G-04" })
            Assert.Contains(id, ubl);
        Assert.All(sets.Where(s => !s.IsCius).SelectMany(s => s.Asserts), a => Assert.Matches("^(BR|UBL|CII)-", a.Id));
        Assert.All(sets[2].Asserts.Concat(sets[3].Asserts), a => Assert.Matches("^PEPPOL-(EN16931|COMMON)-", a.Id));
        Assert.All(sets.Skip(4).SelectMany(s => s.Asserts), a => Assert.Matches("^(BR-DEX?-|PEPPOL-EN16931-)", a.Id));
    }

    [Fact]
    public void CodeLists_EachNameSourceAndEdition()
    {
        Assert.True(CodeLists.All.Count >= 15);
        Assert.All(CodeLists.All.Values, l =>
        {
            Assert.False(string.IsNullOrWhiteSpace(l.Source));
            Assert.False(string.IsNullOrWhiteSpace(l.Edition));
            Assert.NotEmpty(l.Codes);
        });
        Assert.True(CodeLists.IsUnit("XPP"));
        Assert.True(CodeLists.IsUnit("C62"));
        Assert.False(CodeLists.IsUnit("PIECES"));
        Assert.True(CodeLists.IsCustomsCountry("XI"));
        Assert.True(CodeLists.IsCustomsCountry("DE"));
        Assert.False(CodeLists.Get(CodeLists.Countries).Contains("XI"));
        Assert.Throws<InvalidDataException>(() => CodeLists.Parse("Broken", "A B C"));
    }
}
