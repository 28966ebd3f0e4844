using CustomsFn.Cli.Commands;
using Spectre.Console;
using Spectre.Console.Cli;

namespace CustomsFn.Cli;

/// <summary>The <c>customs</c> command line: exit 0 when every input got a result, 2 on bad usage.</summary>
public static class CliApp
{
    public const int Ok = 0;
    public const int Failure = 1;
    public const int BadUsage = 2;

    public static async Task<int> RunAsync(string[] args, IAnsiConsole? console = null)
    {
        var app = new CommandApp();
        app.Configure(config =>
        {
            config.SetApplicationName("customs");
            // A misspelled option (--ouput, --dest) is an error, not a silent default.
            config.UseStrictParsing();
            config.SetApplicationVersion(typeof(CliApp).Assembly
                .GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
                .OfType<System.Reflection.AssemblyInformationalVersionAttribute>().FirstOrDefault()?.InformationalVersion ?? "unknown");
            if (console is not null) config.ConfigureConsole(console);
            config.PropagateExceptions();
            config.AddCommand<ProcessCommand>("process")
                .WithDescription("Extract, validate and estimate duties for files and folders; writes <name>.result.json per input.")
                .WithExample("process", "samples/documents", "--out", "out");
            config.AddCommand<ValidateCommand>("validate")
                .WithDescription("EN 16931 conformance verdict of one e-invoice (UBL, CII, or the XML in a Factur-X PDF): rule id, XPath, message; exit 0 valid, 1 invalid.")
                .WithExample("validate", "invoice.xml");
            config.AddCommand<TariffCommand>("tariff")
                .WithDescription("Look up a commodity code in the destination's tariff and estimate the duty; 'tariff import' rebuilds the tariff packs.")
                .WithExample("tariff", "8510.90.00", "--destination", "GB", "--value", "1000")
                .WithExample("tariff", "import", "--source", "../shared/corpus", "--out", "functions/CustomsFn.Core/Tariffs/Packs");
            config.AddCommand<ServeCommand>("serve")
                .WithDescription("Local serverless host on Azurite: starts Azurite if needed, runs the triggers, prints where to upload.");
            config.AddCommand<EvalCommand>("eval")
                .WithDescription("Extraction accuracy against expected results: per field, language and format, plus a line-item score; the SROIE receipts per half (test half first); a calibration table per set.")
                .WithExample("eval", "samples/eval")
                .WithExample("eval", "../shared/corpus/receipts/sroie-2019");
            config.AddCommand<ScreenCommand>("screen")
                .WithDescription("Screen a party name against the sanctions and denied-party lists; prints the best matches with their explanation.")
                .WithExample("screen", "Bank Melli Iran", "--country", "IR");
            config.AddBranch("sanctions", sanctions =>
            {
                sanctions.SetDescription("The screening lists.");
                sanctions.AddCommand<SanctionsImportCommand>("import").WithDescription("Rebuild the screening pack from the public lists (byte-identical rebuilds).")
                    .WithExample("sanctions", "import", "--source", "../shared/corpus", "--out", "functions/CustomsFn.Core/Screening/Packs");
                sanctions.AddCommand<SanctionsRescreenCommand>("rescreen").WithDescription("Screen the parties of stored results again; report the newly matching documents.")
                    .WithExample("sanctions", "rescreen", "out", "--pack", "new/sanctions.tsv.gz");
                sanctions.AddCommand<SanctionsEvalCommand>("eval").WithDescription("Name matching precision and recall on the labelled pairs (held-out half first).");
            });
            config.AddBranch("rules", rules =>
            {
                rules.SetDescription("The rule catalogue.");
                rules.AddCommand<RulesListCommand>("list").WithDescription("List every rule with its id, severity and source.");
            });
        });
        try
        {
            return await app.RunAsync(args).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is CommandParseException or CommandRuntimeException)
        {
            (console ?? AnsiConsole.Console).MarkupLineInterpolated($"[red]error:[/] {ex.Message}{OptionSuggestion.For(ex.Message)}");
            return BadUsage;
        }
    }
}
