using System.Diagnostics;
using System.Globalization;
using CustomsFn.Core.Model;
using CustomsFn.Core.Rules;
using CustomsFn.Core.Tariffs;

namespace CustomsFn.Bench;

/// <summary>Validation throughput and pack load time, for <c>customs-bench</c>.</summary>
/// <param name="DocumentsPerSecond">Documents per second of wall-clock time.</param>
/// <param name="DocumentsPerCpuSecond">Documents per second of process CPU time: the single-core rate even when the machine is shared.</param>
/// <param name="BytesPerDocument">Bytes allocated per document on the measuring thread (GC.GetAllocatedBytesForCurrentThread).</param>
/// <param name="FindingsPerDocument">Findings the rules report per document (each one formats a message).</param>
/// <param name="Rules">Per rule: microseconds and bytes per document, from a separate profiled pass.</param>
public sealed record ValidationBenchmarkResult(int Documents, int LinesPerDocument, TimeSpan Elapsed, double DocumentsPerSecond, TimeSpan CpuTime, double DocumentsPerCpuSecond, TimeSpan PackLoadTime,
    double BytesPerDocument = 0, double FindingsPerDocument = 0, IReadOnlyList<RuleProfile>? Rules = null);

/// <summary>One rule's share of the validation time and allocations, per document.</summary>
public sealed record RuleProfile(string Rule, double MicrosecondsPerDocument, double BytesPerDocument);

/// <summary>
/// Measures the rule engine (core + tariff rules, duty estimate) on synthetic ten-line invoices to the US, UK and EU
/// with real codes of the packs, on the calling thread (one core).
/// </summary>
public static class ValidationBenchmark
{
    private static readonly (string Dest, string Currency, string Seller, string[] Codes)[] Shapes =
    [
        ("US", "USD", "DE", ["8471300100", "8483403080", "0201300400", "9306210000", "8510902000", "6109100012", "8482105044", "3403195000", "0201300600", "8471300100"]),
        ("GB", "GBP", "CN", ["85109000", "62141000", "04039099", "85094000", "84713000", "61091000", "94036090", "39269097", "73181595", "85444290"]),
        ("DE", "EUR", "US", ["85109000", "62141000", "84713000", "61091000", "94036090", "39269097", "73181595", "85444290", "04031011", "22042106"]),
    ];

    /// <summary>Builds the documents, loads the packs (timed), warms up, then validates <paramref name="documents"/> documents.</summary>
    public static ValidationBenchmarkResult Run(int documents = 100_000, RuleEngine? engine = null)
    {
        var catalog = TariffCatalog.Default;
        _ = catalog.Packs; // every pack read (each once per process; the time is what reading them took)
        _ = catalog.UkPreferences;
        _ = catalog.UsAdditionalDuties;
        var packLoad = catalog.LoadTime;
        engine ??= RuleEngine.CreateDefault();
        var docs = Shapes.Select(s => Build(s.Dest, s.Currency, s.Seller, s.Codes)).ToArray();
        var today = new DateOnly(2026, 6, 1);
        for (var i = 0; i < 3000; i++) engine.Run(docs[i % docs.Length], today);
        using var process = Process.GetCurrentProcess();
        var bytes0 = GC.GetAllocatedBytesForCurrentThread();
        var cpu0 = process.TotalProcessorTime;
        var findings = 0L;
        var sw = Stopwatch.StartNew();
        for (var i = 0; i < documents; i++) findings += engine.Run(docs[i % docs.Length], today).Findings.Count;
        sw.Stop();
        process.Refresh();
        var cpu = process.TotalProcessorTime - cpu0;
        var bytes = GC.GetAllocatedBytesForCurrentThread() - bytes0;
        return new ValidationBenchmarkResult(documents, 10, sw.Elapsed, documents / sw.Elapsed.TotalSeconds, cpu,
            documents / Math.Max(cpu.TotalSeconds, 1e-6), packLoad, (double)bytes / documents, (double)findings / documents,
            Profile(engine, docs, today, Math.Min(documents, 20_000)));
    }

    /// <summary>Times each rule separately (Stopwatch ticks and allocated bytes around every Evaluate call).</summary>
    private static List<RuleProfile> Profile(RuleEngine engine, ExtractedDocument[] docs, DateOnly today, int documents)
    {
        var rules = engine.Rules;
        var ticks = new long[rules.Count];
        var bytes = new long[rules.Count];
        for (var i = 0; i < documents; i++)
        {
            var context = new RuleContext(docs[i % docs.Length], today);
            for (var r = 0; r < rules.Count; r++)
            {
                var b0 = GC.GetAllocatedBytesForCurrentThread();
                var t0 = Stopwatch.GetTimestamp();
                rules[r].Evaluate(context);
                ticks[r] += Stopwatch.GetTimestamp() - t0;
                bytes[r] += GC.GetAllocatedBytesForCurrentThread() - b0;
            }
        }
        var profile = new List<RuleProfile>(rules.Count);
        for (var r = 0; r < rules.Count; r++)
            profile.Add(new RuleProfile(rules[r].GetType().Name, ticks[r] * 1e6 / Stopwatch.Frequency / documents, (double)bytes[r] / documents));
        return profile;
    }

    private static ExtractedDocument Build(string dest, string currency, string seller, string[] codes)
    {
        var doc = new ExtractedDocument { Format = DocumentFormat.Ubl, DocumentType = DocumentType.CommercialInvoice, Extractor = new ExtractorInfo("bench", "1") };
        var f = doc.Fields;
        f.Set(FieldNames.InvoiceNumber, "BENCH-1");
        f.Set(FieldNames.IssueDate, "2026-05-01");
        f.Set(FieldNames.Currency, currency);
        f.Set(FieldNames.SellerName, "Seller");
        f.Set(FieldNames.SellerCountry, seller);
        f.Set(FieldNames.BuyerName, "Buyer");
        f.Set(FieldNames.BuyerCountry, dest);
        f.Set(FieldNames.Incoterm, "FOB");
        f.Set(FieldNames.FreightAmount, 120m);
        f.Set(FieldNames.InsuranceAmount, 15m);
        decimal total = 0;
        for (var i = 0; i < codes.Length; i++)
        {
            var l = new FieldSet();
            var qty = 10m + i;
            var price = 12.5m + i;
            l.Set(FieldNames.Description, "Item " + i.ToString(CultureInfo.InvariantCulture));
            l.Set(FieldNames.HsCode, codes[i]);
            l.Set(FieldNames.Quantity, qty);
            l.Set(FieldNames.UnitCode, "KGM");
            l.Set(FieldNames.UnitPrice, price);
            l.Set(FieldNames.Amount, qty * price);
            l.Set(FieldNames.OriginCountry, seller);
            total += qty * price;
            doc.Lines.Add(l);
        }
        f.Set(FieldNames.LineTotal, total);
        f.Set(FieldNames.TaxExclusiveAmount, total);
        f.Set(FieldNames.TaxAmount, 0m);
        f.Set(FieldNames.TotalAmount, total);
        return doc;
    }
}
