using System.Globalization;
using System.Security.Cryptography;
using CustomsFn.Core.Rules;
using CustomsFn.Core.Screening;

namespace CustomsFn.Core.Shipments;

/// <summary>
/// Reconciles the documents of one shipment: the invoice is the reference for goods lines, values, currency, parties
/// and delivery terms; the packing list is the reference for weights and package counts (the invoice when there is no
/// packing list); a declaration's customs value is checked against the invoice plus freight and insurance under the
/// Incoterm. Pure and deterministic: the result depends only on the set of documents, never on their arrival order.
/// </summary>
public sealed class ShipmentReconciler
{
    /// <summary>Countries whose customs value is FOB (transaction value without carriage and insurance to the border).</summary>
    private static readonly HashSet<string> FobBasisCountries = new(StringComparer.Ordinal) { "US", "CA", "AU", "NZ" };

    public const double PartyNameThreshold = 0.6;
    /// <summary>Weights agree within 0.5 % or 0.1 kg, whichever is larger (scales and rounding differ between documents).</summary>
    public const decimal WeightRelativeTolerance = 0.005m;
    public const decimal WeightAbsoluteTolerance = 0.1m;
    /// <summary>Customs values agree within one unit of the currency (declarations round to whole units).</summary>
    public const decimal CustomsValueTolerance = 1m;

    /// <summary>Findings kept in full in the stored result; past it, <see cref="ShipmentResult.Truncated"/> counts them per rule.</summary>
    public const int DefaultMaxStoredFindings = 500;
    /// <summary>Line matches kept in the stored result; past it, only their number.</summary>
    public const int DefaultMaxStoredLineMatches = 1000;
    /// <summary>Distinct parties kept in the stored screening section (matching parties first); past it, only their number.</summary>
    public const int DefaultMaxStoredParties = 100;
    /// <summary>Documents listed per party (and in its finding's evidence); past it, only their number.</summary>
    public const int DefaultMaxPartyDocuments = 50;

    private readonly ReconcileCache? _cache;
    private readonly int _maxFindings;
    private readonly int _maxLineMatches;
    private readonly int _maxParties;
    private readonly int _maxPartyDocuments;
    private readonly PartyScreening _screening;

    /// <summary>
    /// A reconciler. With <paramref name="cacheCapacity"/> above 0 it is incremental: the comparison of one document with
    /// its reference documents (its "unit") is kept, keyed by the content of the documents it depends on, and reused
    /// while they are unchanged, so an arrival computes only its own comparisons (and those whose reference it became).
    /// The result is the same as without the cache (tested over shuffled arrival orders); with the cache, a party is
    /// screened once until the cache is full, not once per reconciliation.
    /// The shipment's distinct parties are screened through <paramref name="screener"/> (the shipped lists by default).
    /// </summary>
    public ShipmentReconciler(int cacheCapacity = 0, int maxStoredFindings = DefaultMaxStoredFindings, int maxStoredLineMatches = DefaultMaxStoredLineMatches,
        IPartyScreener? screener = null, int maxStoredParties = DefaultMaxStoredParties, int maxPartyDocuments = DefaultMaxPartyDocuments)
    {
        _cache = cacheCapacity > 0 ? new ReconcileCache(cacheCapacity) : null;
        _maxFindings = Math.Max(1, maxStoredFindings);
        _maxLineMatches = Math.Max(0, maxStoredLineMatches);
        _maxParties = Math.Max(0, maxStoredParties);
        _maxPartyDocuments = Math.Max(1, maxPartyDocuments);
        _screening = new PartyScreening(screener ?? IndexPartyScreener.Default, cacheCapacity);
    }

    /// <summary>Units computed (not taken from the cache) since this reconciler was made: what an arrival cost.</summary>
    public long UnitsComputed => Interlocked.Read(ref _unitsComputed);
    private long _unitsComputed;

    public ShipmentResult Reconcile(string shipmentId, ShipmentGrouping grouping, IEnumerable<ShipmentMemberInput> members, DateTimeOffset updatedAt)
    {
        var inputs = members
            .GroupBy(m => m.Document.DocumentId, StringComparer.Ordinal)
            .Select(g => g.OrderBy(m => m.JoinedBy, StringComparer.Ordinal).ThenBy(m => m.Document.SourceName, StringComparer.Ordinal).First())
            .OrderBy(m => m.Document.RoleOrder)
            .ThenBy(m => m.Document.Fields.GetText(FieldNames.IssueDate) ?? "9999", StringComparer.Ordinal)
            .ThenBy(m => m.Document.DocumentId, StringComparer.Ordinal)
            .ToList();
        var run = new Run();
        var docs = inputs.Select(i => i.Document).ToList();

        foreach (var d in docs.Where(d => d.Unreadable))
            run.Report(ShipmentRules.Unreadable, $"The {d.Label} ({d.SourceName}) could not be read, so it is not reconciled with the other documents.", Ev(d, "document"));

        var readable = docs.Where(d => !d.Unreadable && d.DocumentType != DocumentType.CreditNote).ToList();
        var invoices = readable.Where(d => d.IsInvoice).ToList();
        if (invoices.Count == 0 && readable.Count > 0)
            run.Report(ShipmentRules.NoInvoice, $"The shipment has no readable commercial invoice; {readable.Count} other document(s) are compared with the {readable[0].Label} instead.", Ev(readable[0], "document"));

        // The invoices' keys, once: a unit that depends on every invoice (a document quoting none of several) names them.
        string? invoicesKey = null;
        string InvoicesKey() => invoicesKey ??= _cache is null ? string.Empty : ReconcileCache.Combine(invoices.Select(_cache.KeyOf));
        var invoicesByKey = new Dictionary<string, ShipmentDocument>(StringComparer.Ordinal);
        foreach (var i in invoices)
            if (i.InvoiceKey is { } k) invoicesByKey.TryAdd(ShipmentComparisons.NormalizeReference(k), i);

        ShipmentValuation? valuation = null;
        foreach (var d in readable)
        {
            if (d.IsInvoice) continue;
            var referenced = d.InvoiceKey is { } key && invoicesByKey.TryGetValue(ShipmentComparisons.NormalizeReference(key), out var byKey) ? byKey : null;
            var anchor = referenced ?? invoices.FirstOrDefault() ?? FirstBefore(readable, d);
            var foreign = d.InvoiceKey is not null && referenced is null && invoices.Count > 0;
            var allInvoices = referenced is null && invoices.Count > 1;
            if (anchor is null || ReferenceEquals(anchor, d))
            {
                if (foreign) run.AddRange(Unit($"f|{KeyOf(d)}|{InvoicesKey()}", () => ForeignUnit(d, invoices)).Findings);
                continue;
            }
            var unit = Unit($"p{(foreign ? 1 : 0)}{(allInvoices ? 1 : 0)}|{KeyOf(d)}|{KeyOf(anchor)}|{(foreign || allInvoices ? InvoicesKey() : "-")}",
                () => PairUnit(d, anchor, referenced, invoices, foreign));
            run.AddRange(unit.Findings);
            run.Matches.AddRange(unit.Matches);

            if (d.DocumentType == DocumentType.CustomsDeclaration && anchor.IsInvoice && valuation is null)
            {
                var value = Unit($"v|{KeyOf(anchor)}|{KeyOf(d)}", () =>
                {
                    var r = new Run();
                    var v = CheckCustomsValue(r, anchor, d);
                    return new UnitResult(r.Findings, [], v);
                });
                run.AddRange(value.Findings);
                valuation = value.Valuation;
            }
        }

        // Weights and packages: the packing list decides (the invoice when there is none); one invoice only.
        var weightAuthority = readable.FirstOrDefault(d => d.DocumentType == DocumentType.PackingList) ?? invoices.FirstOrDefault();
        if (weightAuthority is not null)
        {
            foreach (var d in readable)
            {
                if (ReferenceEquals(d, weightAuthority) || (d.IsInvoice && invoices.Count > 1)) continue;
                run.AddRange(Unit($"w|{KeyOf(weightAuthority)}|{KeyOf(d)}", () =>
                {
                    var r = new Run();
                    CompareWeight(r, ShipmentRules.GrossWeight, "gross weight", weightAuthority, d, FieldNames.GrossWeightKg);
                    CompareWeight(r, ShipmentRules.NetWeight, "net weight", weightAuthority, d, FieldNames.NetWeightKg);
                    CompareCount(r, weightAuthority, d);
                    return new UnitResult(r.Findings, [], null);
                }).Findings);
            }
        }

        // Sanctions: every distinct party of the shipment once, with the documents it appears on (SHIP-060 / SHIP-061).
        var screening = _screening.Screen(docs, _maxParties, _maxPartyDocuments);
        run.AddRange(screening.Findings);

        var findings = run.Findings
            .OrderBy(f => f.Rule, StringComparer.Ordinal)
            .ThenBy(f => string.Join('|', f.Evidence.Select(e => $"{e.DocumentId}:{e.Path}")), StringComparer.Ordinal)
            .ToList();
        var counts = new FindingCounts(
            findings.Count(f => f.Severity == Severity.Error), findings.Count(f => f.Severity == Severity.Warning), findings.Count(f => f.Severity == Severity.Info));
        var verdict = counts.Error > 0 ? ShipmentVerdict.Inconsistent
            : invoices.Count == 0 || readable.Count < 2 ? ShipmentVerdict.Incomplete
            : counts.Warning > 0 ? ShipmentVerdict.NeedsReview
            : ShipmentVerdict.Consistent;

        // Bounded: past the limits, the stored result keeps a sample of the findings (every rule represented, taken in
        // turn from each rule, in the order above) and of the line matches, and counts the rest per rule.
        ShipmentTruncation? truncated = null;
        var storedFindings = findings;
        var storedMatches = run.Matches;
        var partiesCut = screening.Parties > screening.Section.Parties.Count || screening.Appearances > screening.StoredAppearances;
        if (findings.Count > _maxFindings || run.Matches.Count > _maxLineMatches || partiesCut)
        {
            if (findings.Count > _maxFindings)
            {
                var keep = findings.Select((f, i) => (f, i)).GroupBy(x => x.f.Rule, StringComparer.Ordinal)
                    .SelectMany(g => g.Select((x, rank) => (x.f, x.i, rank)))
                    .OrderBy(x => x.rank).ThenBy(x => x.i).Take(_maxFindings)
                    .OrderBy(x => x.i).Select(x => x.f).ToList();
                storedFindings = keep;
            }
            if (run.Matches.Count > _maxLineMatches) storedMatches = run.Matches.Take(_maxLineMatches).ToList();
            truncated = new ShipmentTruncation
            {
                Findings = findings.Count,
                StoredFindings = storedFindings.Count,
                FindingsByRule = new SortedDictionary<string, int>(findings.GroupBy(f => f.Rule, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal), StringComparer.Ordinal),
                LineMatches = run.Matches.Count,
                StoredLineMatches = storedMatches.Count,
                ScreenedParties = partiesCut ? screening.Parties : null,
                StoredScreenedParties = partiesCut ? screening.Section.Parties.Count : null,
                PartyAppearances = partiesCut ? screening.Appearances : null,
                StoredPartyAppearances = partiesCut ? screening.StoredAppearances : null,
            };
        }

        var result = new ShipmentResult
        {
            ShipmentId = shipmentId,
            Grouping = grouping,
            Verdict = verdict,
            Documents = inputs
                .OrderBy(i => i.Document.RoleOrder).ThenBy(i => i.Document.DocumentId, StringComparer.Ordinal)
                .Select(i => new ShipmentMember
                {
                    DocumentId = i.Document.DocumentId,
                    SourceName = i.Document.SourceName,
                    DocumentType = i.Document.DocumentType,
                    Format = i.Document.Format,
                    Status = i.Document.Status,
                    ResultBlob = StorageNames.ResultBlobPath(i.Document.DocumentId),
                    JoinedBy = i.JoinedBy,
                    Reference = i.Document.InvoiceKey,
                }).ToList(),
            Findings = storedFindings,
            FindingCounts = counts,
            LineMatches = storedMatches,
            Valuation = valuation,
            Screening = screening.Section,
            Truncated = truncated,
            Ruleset = ShipmentRules.RulesetVersion,
            UpdatedAt = new DateTimeOffset(updatedAt.UtcTicks - (updatedAt.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero),
        };
        return result with { Fingerprint = Fingerprint(result) };
    }

    /// <summary>
    /// Without an invoice, the first other readable document of an earlier or the same role (readable is in role order,
    /// so that is the first one, or the second when <paramref name="d"/> is the first).
    /// </summary>
    private static ShipmentDocument? FirstBefore(List<ShipmentDocument> readable, ShipmentDocument d)
    {
        if (!ReferenceEquals(readable[0], d)) return readable[0];
        return readable.Count > 1 && readable[1].RoleOrder <= d.RoleOrder ? readable[1] : null;
    }

    private string KeyOf(ShipmentDocument d) => _cache?.KeyOf(d) ?? string.Empty;

    private UnitResult Unit(string key, Func<UnitResult> compute)
    {
        if (_cache is null)
        {
            Interlocked.Increment(ref _unitsComputed);
            return compute();
        }
        if (_cache.TryGet(key, out var cached)) return cached;
        Interlocked.Increment(ref _unitsComputed);
        var result = compute();
        _cache.Set(key, result);
        return result;
    }

    private static UnitResult ForeignUnit(ShipmentDocument d, List<ShipmentDocument> invoices)
    {
        var run = new Run();
        ReportForeign(run, d, invoices);
        return new UnitResult(run.Findings, [], null);
    }

    private static void ReportForeign(Run run, ShipmentDocument d, List<ShipmentDocument> invoices) =>
        run.Report(ShipmentRules.ForeignReference,
            $"The {d.Label} quotes invoice {d.InvoiceKey}, but the shipment's invoice is {string.Join(", ", invoices.Select(i => i.InvoiceKey ?? "(no number)"))}.",
            Ev(d, FieldNames.InvoiceReference), Ev(invoices[0], FieldNames.InvoiceNumber));

    /// <summary>Everything one document is checked for against its reference document (and, quoting none of several invoices, every invoice's lines).</summary>
    private static UnitResult PairUnit(ShipmentDocument d, ShipmentDocument anchor, ShipmentDocument? referenced, List<ShipmentDocument> invoices, bool foreign)
    {
        var run = new Run();
        if (foreign) ReportForeign(run, d, invoices);
        CompareParty(run, ShipmentRules.Seller, "seller", anchor, d, FieldNames.SellerName, FieldNames.SellerCountry, FieldNames.SellerTaxId);
        CompareParty(run, ShipmentRules.Buyer, "buyer", anchor, d, FieldNames.BuyerName, FieldNames.BuyerCountry, FieldNames.BuyerTaxId);
        CompareCodes(run, ShipmentRules.IncotermCode, "Incoterm", anchor, d, FieldNames.Incoterm);
        if (ShipmentComparisons.SameText(anchor.Fields.GetText(FieldNames.Incoterm), d.Fields.GetText(FieldNames.Incoterm)))
            ComparePlace(run, anchor, d);
        CompareCodes(run, ShipmentRules.Currency, "currency", anchor, d, FieldNames.Currency);
        CompareCodes(run, ShipmentRules.Origin, "country of origin", anchor, d, FieldNames.OriginCountry);
        if (ShipmentComparisons.SameText(anchor.Fields.GetText(FieldNames.Currency), d.Fields.GetText(FieldNames.Currency)))
            CompareAmount(run, ShipmentRules.TotalValue, "invoice total", anchor, d, FieldNames.TotalAmount);

        // Goods lines: against the quoted invoice, or every invoice's lines when the document quotes none of several.
        var left = (referenced is null && invoices.Count > 1 ? invoices : [anchor])
            .SelectMany(i => i.Lines.Select((l, n) => new LineRef(i, n, l))).ToList();
        var right = d.Lines.Select((l, n) => new LineRef(d, n, l)).ToList();
        if (left.Count > 0 && right.Count > 0) CompareLines(run, left, right, d);
        return new UnitResult(run.Findings, run.Matches, null);
    }

    /// <summary>The findings and line matches of one unit of comparison (and a valuation, for the customs-value unit).</summary>
    internal sealed record UnitResult(IReadOnlyList<ShipmentFinding> Findings, IReadOnlyList<LineMatch> Matches, ShipmentValuation? Valuation);

    /// <summary>SHA-256 of the compact JSON without the fingerprint and the update time.</summary>
    public static string Fingerprint(ShipmentResult result)
    {
        var neutral = result with { Fingerprint = string.Empty, UpdatedAt = DateTimeOffset.UnixEpoch };
        return Convert.ToHexStringLower(SHA256.HashData(ResultSerializer.SerializeToUtf8(neutral, indented: false)));
    }

    private static void CompareLines(Run run, List<LineRef> left, List<LineRef> right, ShipmentDocument other)
    {
        var matching = LineMatcher.Match(left, right);
        var isCertificate = other.DocumentType == DocumentType.CertificateOfOrigin;
        foreach (var l in matching.UnmatchedLeft)
        {
            if (isCertificate)
                run.Report(ShipmentRules.NotCertified, $"Line {l.Index + 1} of the {l.Document.Label} ({Describe(l)}) is not covered by the {other.Label}.", Ev(l, FieldNames.Description), Ev(other, "lines"));
            else
                run.Report(ShipmentRules.LineMissing, $"Line {l.Index + 1} of the {l.Document.Label} ({Describe(l)}) has no matching line on the {other.Label}.", Ev(l, FieldNames.Description), Ev(other, "lines"));
        }
        foreach (var r in matching.UnmatchedRight)
        {
            run.Report(ShipmentRules.LineExtra, $"Line {r.Index + 1} of the {other.Label} ({Describe(r)}) has no matching line on the {DocsOf(left)}.", Ev(r, FieldNames.Description), Ev(left[0].Document, "lines"));
        }
        foreach (var p in matching.Pairs)
        {
            run.Matches.Add(new LineMatch { DocumentId = p.Right.Document.DocumentId, Line = p.Right.Index, MatchedDocumentId = p.Left.Document.DocumentId, MatchedLine = p.Left.Index, Score = p.Score });
            var (a, b) = (p.Left, p.Right);
            var pairName = $"line {b.Index + 1} of the {b.Document.Label} and line {a.Index + 1} of the {a.Document.Label}";

            if (a.Fields.GetNumber(FieldNames.Quantity) is { } qa && b.Fields.GetNumber(FieldNames.Quantity) is { } qb
                && ShipmentComparisons.Comparable(qa, a.Fields.GetText(FieldNames.UnitCode), qb, b.Fields.GetText(FieldNames.UnitCode)) is { } q && q.A != q.B)
            {
                run.Report(ShipmentRules.Quantity,
                    $"Quantity differs between {pairName}: {F(qb)} {b.Fields.GetText(FieldNames.UnitCode)} against {F(qa)} {a.Fields.GetText(FieldNames.UnitCode)}.".Replace("  ", " ", StringComparison.Ordinal),
                    Ev(b, FieldNames.Quantity), Ev(a, FieldNames.Quantity));
            }

            var ha = LineMatcher.Digits(a.Fields.GetText(FieldNames.HsCode));
            var hb = LineMatcher.Digits(b.Fields.GetText(FieldNames.HsCode));
            var n = Math.Min(ha.Length, hb.Length);
            if (n >= 4 && string.CompareOrdinal(ha, 0, hb, 0, n) != 0)
                run.Report(ShipmentRules.HsCode, $"HS code differs between {pairName}: {hb} against {ha} (compared at {n} digits).", Ev(b, FieldNames.HsCode), Ev(a, FieldNames.HsCode));

            var oa = a.Fields.GetText(FieldNames.OriginCountry);
            var ob = b.Fields.GetText(FieldNames.OriginCountry);
            if (oa is not null && ob is not null && !ShipmentComparisons.SameText(oa, ob))
                run.Report(ShipmentRules.LineOrigin, $"Origin differs between {pairName}: {ob} against {oa}.", Ev(b, FieldNames.OriginCountry), Ev(a, FieldNames.OriginCountry));

            if (a.Fields.GetNumber(FieldNames.NetWeightKg) is { } wa && b.Fields.GetNumber(FieldNames.NetWeightKg) is { } wb && !WeightsAgree(wa, wb))
                run.Report(ShipmentRules.LineNetWeight, $"Net weight differs between {pairName}: {F(wb)} kg against {F(wa)} kg.", Ev(b, FieldNames.NetWeightKg), Ev(a, FieldNames.NetWeightKg));

            var currency = a.Document.Fields.GetText(FieldNames.Currency);
            if (a.Fields.GetNumber(FieldNames.Amount) is { } va && b.Fields.GetNumber(FieldNames.Amount) is { } vb
                && ShipmentComparisons.SameText(currency, b.Document.Fields.GetText(FieldNames.Currency)) && Math.Abs(va - vb) > ArithmeticRules.Tolerance(currency))
                run.Report(ShipmentRules.LineValue, $"Value differs between {pairName}: {F(vb)} against {F(va)} {currency}.", Ev(b, FieldNames.Amount), Ev(a, FieldNames.Amount));
        }
    }

    private static ShipmentValuation? CheckCustomsValue(Run run, ShipmentDocument invoice, ShipmentDocument declaration)
    {
        var declaredField = declaration.Fields.GetNumber(FieldNames.CustomsValue);
        var declared = declaredField ?? (declaration.Lines.Count > 0 && declaration.Lines.All(l => l.GetNumber(FieldNames.CustomsValue) is not null)
            ? declaration.Lines.Sum(l => l.GetNumber(FieldNames.CustomsValue)!.Value) : null);
        if (declared is null) return null;
        var valuePath = declaredField is null ? "lines" : FieldNames.CustomsValue;

        var currency = invoice.Fields.GetText(FieldNames.Currency);
        var declCurrency = declaration.Fields.GetText(FieldNames.Currency) ?? currency;
        if (currency is null || !ShipmentComparisons.SameText(currency, declCurrency)) return null; // SHIP-030 says the currencies differ; no exchange rate here.

        var goods = invoice.Fields.GetNumber(FieldNames.LineTotal)
            ?? (invoice.Lines.Count > 0 && invoice.Lines.All(l => l.GetNumber(FieldNames.Amount) is not null) ? invoice.Lines.Sum(l => l.GetNumber(FieldNames.Amount)!.Value) : null);
        if (goods is null)
        {
            run.Report(ShipmentRules.CustomsValueUnchecked, $"The {invoice.Label} gives no goods value, so the customs value of the {declaration.Label} cannot be checked.", Ev(declaration, valuePath), Ev(invoice, FieldNames.LineTotal));
            return null;
        }
        var termText = invoice.Fields.GetText(FieldNames.Incoterm) ?? declaration.Fields.GetText(FieldNames.Incoterm);
        if (!Incoterm.TryParse(termText, out var term))
        {
            run.Report(ShipmentRules.CustomsValueUnchecked, $"Neither the {invoice.Label} nor the {declaration.Label} states an Incoterms 2020 rule, so what the price includes (freight, insurance) is unknown and the customs value cannot be checked.",
                Ev(declaration, valuePath), Ev(invoice, FieldNames.Incoterm));
            return null;
        }
        if (term.PriceIncludesImportDuty)
        {
            run.Report(ShipmentRules.CustomsValueUnchecked, $"Under DDP the {invoice.Label} price includes import duties and taxes, which must be deducted from the customs value of the {declaration.Label}; check it by hand.",
                Ev(declaration, valuePath), Ev(invoice, FieldNames.Incoterm));
            return null;
        }
        var destination = declaration.Fields.GetText(FieldNames.DestinationCountry) ?? invoice.Fields.GetText(FieldNames.DestinationCountry) ?? invoice.Fields.GetText(FieldNames.BuyerCountry);
        var basis = destination is not null && FobBasisCountries.Contains(destination.Trim().ToUpperInvariant()) ? "FOB" : "CIF";

        var invoiceFreight = invoice.Fields.GetNumber(FieldNames.FreightAmount);
        var invoiceInsurance = invoice.Fields.GetNumber(FieldNames.InsuranceAmount);
        var declFreight = declaration.Fields.GetNumber(FieldNames.FreightAmount);
        var declInsurance = declaration.Fields.GetNumber(FieldNames.InsuranceAmount);
        decimal freight, insurance;
        if (basis == "CIF")
        {
            // Add carriage and insurance to the border when the price does not include them (E and F terms); charges billed on the invoice are part of the price paid.
            if (!term.PriceIncludesMainCarriage && declFreight is null && invoiceFreight is null)
            {
                run.Report(ShipmentRules.CustomsValueUnchecked, $"Under {term.Code} the price excludes main carriage, but neither the {declaration.Label} nor the {invoice.Label} states the freight to add for a CIF-basis customs value.",
                    Ev(declaration, FieldNames.FreightAmount), Ev(invoice, FieldNames.Incoterm));
                return null;
            }
            freight = (invoiceFreight ?? 0) + (term.PriceIncludesMainCarriage ? 0 : declFreight ?? 0);
            insurance = (invoiceInsurance ?? 0) + (term.PriceIncludesInsurance ? 0 : declInsurance ?? 0);
        }
        else
        {
            // FOB basis: carriage and insurance after export are not part of the value; deduct them where the price includes them.
            freight = term.PriceIncludesMainCarriage && invoiceFreight is null ? -(declFreight ?? 0) : 0;
            insurance = term.PriceIncludesInsurance && invoiceInsurance is null ? -(declInsurance ?? 0) : 0;
        }
        var expected = goods.Value + freight + insurance;
        var valuation = new ShipmentValuation
        {
            DeclarationId = declaration.DocumentId,
            InvoiceId = invoice.DocumentId,
            Basis = basis,
            Incoterm = term.Code,
            Currency = currency.Trim().ToUpperInvariant(),
            InvoiceValue = goods.Value,
            Freight = freight,
            Insurance = insurance,
            Expected = expected,
            Declared = declared.Value,
            Difference = declared.Value - expected,
        };
        if (Math.Abs(declared.Value - expected) > CustomsValueTolerance)
        {
            run.Report(ShipmentRules.CustomsValue,
                $"The {declaration.Label} declares a customs value of {F(declared.Value)} {valuation.Currency}; on a {basis} basis under {term.Code} the {invoice.Label} gives {F(goods.Value)} {(freight >= 0 ? "+" : "-")} freight {F(Math.Abs(freight))} {(insurance >= 0 ? "+" : "-")} insurance {F(Math.Abs(insurance))} = {F(expected)} (difference {F(declared.Value - expected)}).",
                Ev(declaration, valuePath), Ev(invoice, FieldNames.LineTotal));
        }
        return valuation;
    }

    private static void CompareParty(Run run, RuleInfo rule, string role, ShipmentDocument a, ShipmentDocument b, string nameField, string countryField, string taxField)
    {
        var what = new List<string>();
        var evidence = new List<ShipmentEvidence>();
        var na = a.Fields.GetText(nameField);
        var nb = b.Fields.GetText(nameField);
        if (na is not null && nb is not null && TextSimilarity.PartyName(na, nb) < PartyNameThreshold)
        {
            what.Add($"name '{nb}' against '{na}'"); evidence.Add(Ev(b, nameField)); evidence.Add(Ev(a, nameField));
        }
        var ta = ShipmentComparisons.TaxId(a.Fields.GetText(taxField));
        var tb = ShipmentComparisons.TaxId(b.Fields.GetText(taxField));
        if (ta is not null && tb is not null && ta != tb)
        {
            what.Add($"tax id {tb} against {ta}"); evidence.Add(Ev(b, taxField)); evidence.Add(Ev(a, taxField));
        }
        var ca = a.Fields.GetText(countryField);
        var cb = b.Fields.GetText(countryField);
        if (ca is not null && cb is not null && !ShipmentComparisons.SameText(ca, cb))
        {
            what.Add($"country {cb} against {ca}"); evidence.Add(Ev(b, countryField)); evidence.Add(Ev(a, countryField));
        }
        if (what.Count > 0)
            run.Report(rule, $"The {b.Label} names a different {role} than the {a.Label}: {string.Join("; ", what)}.", [.. evidence]);
    }

    private static void CompareCodes(Run run, RuleInfo rule, string what, ShipmentDocument a, ShipmentDocument b, string field)
    {
        var va = a.Fields.GetText(field);
        var vb = b.Fields.GetText(field);
        if (va is not null && vb is not null && !ShipmentComparisons.SameText(va, vb))
            run.Report(rule, $"The {b.Label} states {what} {vb}, the {a.Label} {va}.", Ev(b, field), Ev(a, field));
    }

    private static void ComparePlace(Run run, ShipmentDocument a, ShipmentDocument b)
    {
        var pa = a.Fields.GetText(FieldNames.IncotermPlace);
        var pb = b.Fields.GetText(FieldNames.IncotermPlace);
        if (pa is not null && pb is not null && TextSimilarity.Description(pa, pb) < PartyNameThreshold)
            run.Report(ShipmentRules.IncotermPlace, $"The {b.Label} names the Incoterm place '{pb}', the {a.Label} '{pa}'.", Ev(b, FieldNames.IncotermPlace), Ev(a, FieldNames.IncotermPlace));
    }

    private static void CompareAmount(Run run, RuleInfo rule, string what, ShipmentDocument a, ShipmentDocument b, string field)
    {
        var currency = a.Fields.GetText(FieldNames.Currency);
        if (a.Fields.GetNumber(field) is { } va && b.Fields.GetNumber(field) is { } vb && Math.Abs(va - vb) > ArithmeticRules.Tolerance(currency))
            run.Report(rule, $"The {b.Label} states the {what} as {F(vb)} {currency}, the {a.Label} {F(va)} {currency}.", Ev(b, field), Ev(a, field));
    }

    private static void CompareWeight(Run run, RuleInfo rule, string what, ShipmentDocument authority, ShipmentDocument b, string field)
    {
        if (authority.Fields.GetNumber(field) is { } wa && b.Fields.GetNumber(field) is { } wb && !WeightsAgree(wa, wb))
            run.Report(rule, $"The {b.Label} states a {what} of {F(wb)} kg, the {authority.Label} {F(wa)} kg (difference {F(wb - wa)} kg).", Ev(b, field), Ev(authority, field));
    }

    private static void CompareCount(Run run, ShipmentDocument authority, ShipmentDocument b)
    {
        if (authority.Fields.GetNumber(FieldNames.PackageCount) is { } pa && b.Fields.GetNumber(FieldNames.PackageCount) is { } pb && pa != pb)
            run.Report(ShipmentRules.Packages, $"The {b.Label} states {F(pb)} packages, the {authority.Label} {F(pa)}.", Ev(b, FieldNames.PackageCount), Ev(authority, FieldNames.PackageCount));
    }

    internal static bool WeightsAgree(decimal a, decimal b) =>
        Math.Abs(a - b) <= Math.Max(WeightAbsoluteTolerance, WeightRelativeTolerance * Math.Max(Math.Abs(a), Math.Abs(b)));

    private static string Describe(LineRef l) =>
        l.Fields.GetText(FieldNames.Description) is { } d ? $"'{(d.Length > 60 ? d[..60] + "…" : d)}'" : l.Fields.GetText(FieldNames.HsCode) is { } hs ? $"HS {hs}" : "no description";

    private static string DocsOf(List<LineRef> lines) => string.Join(" or the ", lines.Select(l => l.Document.Label).Distinct(StringComparer.Ordinal));

    private static string F(decimal d) => d.ToString("0.####", CultureInfo.InvariantCulture);

    private static ShipmentEvidence Ev(ShipmentDocument d, string path) => new()
    {
        DocumentId = d.DocumentId,
        DocumentType = d.DocumentType,
        Path = path,
        Value = d.Fields.TryGetValue(path, out var f) ? f.Value : null,
        Source = d.Fields.SourceOf(path),
    };

    private static ShipmentEvidence Ev(LineRef l, string field) => new()
    {
        DocumentId = l.Document.DocumentId,
        DocumentType = l.Document.DocumentType,
        Path = l.Path(field),
        Value = l.Fields.TryGetValue(field, out var f) ? f.Value : null,
        Source = l.Fields.SourceOf(field),
    };

    private sealed class Run
    {
        public List<ShipmentFinding> Findings { get; } = [];
        public List<LineMatch> Matches { get; } = [];

        public void AddRange(IEnumerable<ShipmentFinding> findings) => Findings.AddRange(findings);

        public void Report(RuleInfo rule, string message, params ShipmentEvidence[] evidence) => Findings.Add(new ShipmentFinding
        {
            Rule = rule.Id,
            Severity = rule.Severity,
            Message = message,
            Reference = rule.Source,
            Evidence = evidence,
        });
    }
}
