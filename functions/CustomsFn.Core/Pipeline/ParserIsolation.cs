using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using CustomsFn.Core.Extraction.Pdf;

namespace CustomsFn.Core.Pipeline;

/// <summary>
/// Where parsers that can kill the process run. PdfPig recurses on page trees and nested form XObjects and overflows
/// the stack on a few kilobytes of hostile PDF; a stack overflow cannot be caught in .NET, so it would take the host and
/// every document in flight with it. With isolation on, each PDF is first opened and read in a short-lived child
/// process with a memory cap and a timeout; only when the child survives is it read again in the host.
/// Configuration section <c>Pipeline:Isolation</c>.
/// </summary>
public sealed class IsolationOptions
{
    /// <summary>Read every PDF in a child process first (default true). Off: PDFs are read in-process only.</summary>
    public bool Pdf { get; set; } = true;

    /// <summary>
    /// The worker executable. Empty (default): the running application itself (its apphost, or <c>dotnet</c> with the
    /// entry assembly), which must hand the arguments below to <see cref="IsolationWorker.RunAsync"/> before anything else.
    /// </summary>
    public string? Command { get; set; }

    /// <summary>Arguments before the parser name when <see cref="Command"/> is set (e.g. the path of <c>CustomsFn.Cli.dll</c>).</summary>
    public string? CommandArguments { get; set; }

    /// <summary>Longest a child may run before it is killed and the document rejected (INPUT-TIMEOUT). Default 30 s.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The child's GC heap hard limit in MiB (DOTNET_GCHeapHardLimit): a parser that needs more is refused. Default 1024.</summary>
    public int MaxMemoryMb { get; set; } = 1024;
}

/// <summary>
/// The worker side: reads a document from <c>stdin</c>, runs the named parser over it, writes one line to
/// <c>stdout</c> ("ok", or "rejected CODE message") and exits 0. A crash shows as a non-zero exit without that line.
/// </summary>
public static class IsolationWorker
{
    /// <summary>The first argument that selects worker mode in the hosts' entry points.</summary>
    public const string Argument = "--customsfn-isolate";

    public static async Task<int> RunAsync(string parser, Stream input, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        if (parser != "pdf")
        {
            await output.WriteLineAsync($"unknown parser {parser}").ConfigureAwait(false);
            return 2;
        }
        using var buffer = new MemoryStream();
        await input.CopyToAsync(buffer).ConfigureAwait(false);
        var bytes = buffer.ToArray();
        string line = "ok";
        // On a thread with a smaller stack than the host's pool threads (1.5 MiB on Linux): what passes here cannot
        // overflow there. A small stack also makes a hostile document crash sooner.
        var thread = new Thread(() =>
        {
            try
            {
                var pages = PdfPages.Read(bytes, includeImages: true, CancellationToken.None);
                new PdfTextExtractor().Extract(pages);
            }
            catch (DocumentRejectedException ex)
            {
                line = $"rejected {ex.Code} {ex.Message.ReplaceLineEndings(" ")}";
            }
        }, WorkerStackBytes);
        thread.Start();
        thread.Join();
        await output.WriteLineAsync(line).ConfigureAwait(false);
        await output.FlushAsync().ConfigureAwait(false);
        return 0;
    }

    /// <summary>The parse thread's stack in the worker: below the host's thread-pool stack, so the check is conservative.</summary>
    public const int WorkerStackBytes = 1024 * 1024;
}

/// <summary>The host side: runs a parser over the bytes in a child process and turns its death into a rejection.</summary>
public sealed class ChildProcessIsolation
{
    private readonly IsolationOptions _options;
    private readonly (string File, string[] Prefix)? _command;

    public ChildProcessIsolation(IsolationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _command = ResolveCommand(options);
    }

    /// <summary>False when no worker command could be found (e.g. in a test host without configuration).</summary>
    public bool Available => _command is not null;

    /// <summary>Runs <paramref name="parser"/> over <paramref name="content"/> in a child; throws <see cref="DocumentRejectedException"/> when it refuses, crashes or times out.</summary>
    public async Task CheckAsync(string parser, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        if (_command is not { } command) throw new InvalidOperationException("No isolation worker command is configured (Pipeline:Isolation:Command).");
        var start = new ProcessStartInfo(command.File)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in command.Prefix) start.ArgumentList.Add(a);
        start.ArgumentList.Add(IsolationWorker.Argument);
        start.ArgumentList.Add(parser);
        start.Environment["DOTNET_GCHeapHardLimit"] = ((long)_options.MaxMemoryMb * 1024 * 1024).ToString("X", CultureInfo.InvariantCulture);
        start.Environment["DOTNET_TieredPGO"] = "0";
        start.Environment["DOTNET_TC_QuickJitForLoops"] = "1";
        // No crash dumps for an expected crash, and nothing inherited that would make the child chatty.
        start.Environment["DOTNET_DbgEnableMiniDump"] = "0";

        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (Win32Exception ex)
        {
            throw new InvalidOperationException($"The isolation worker '{command.File}' cannot be started: {ex.Message}", ex);
        }
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.Timeout);
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = DrainAsync(process.StandardError, timeout.Token);
        try
        {
            try
            {
                await process.StandardInput.BaseStream.WriteAsync(content, timeout.Token).ConfigureAwait(false);
                await process.StandardInput.BaseStream.FlushAsync(timeout.Token).ConfigureAwait(false);
                process.StandardInput.Close();
            }
            catch (IOException)
            {
                // The child died before it read everything (a crash on the first bytes): its exit code says so below.
            }
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            Kill(process);
            if (cancellationToken.IsCancellationRequested) throw;
            throw new DocumentRejectedException(InputCodes.Timeout,
                $"Reading the {parser.ToUpperInvariant()} did not finish within {_options.Timeout.TotalSeconds:0.#} s in the isolated parser.");
        }
        var line = (await stdout.ConfigureAwait(false)).Trim();
        await stderr.ConfigureAwait(false);
        if (process.ExitCode == 0 && line == "ok") return;
        if (process.ExitCode == 0 && line.StartsWith("rejected ", StringComparison.Ordinal))
        {
            var rest = line["rejected ".Length..];
            var space = rest.IndexOf(' ', StringComparison.Ordinal);
            var code = space > 0 ? rest[..space] : rest;
            var message = space > 0 ? rest[(space + 1)..] : "The document was refused by the isolated parser.";
            throw new DocumentRejectedException(code.StartsWith("INPUT-", StringComparison.Ordinal) ? code : InputCodes.Unprocessable, message);
        }
        throw new DocumentRejectedException(parser == "pdf" ? InputCodes.CorruptPdf : InputCodes.Unprocessable,
            $"The {parser.ToUpperInvariant()} parser crashed on this document ({Describe(process.ExitCode)}); the document was not read. " +
            "Hostile structures such as page trees or forms nested thousands of levels deep do this.");
    }

    private static string Describe(int exitCode) => exitCode switch
    {
        134 => "exit code 134: aborted, typically a stack overflow",
        137 => "exit code 137: killed, typically over the memory limit",
        139 => "exit code 139: segmentation fault",
        _ => $"exit code {exitCode.ToString(CultureInfo.InvariantCulture)}",
    };

    private static async Task DrainAsync(StreamReader reader, CancellationToken cancellationToken)
    {
        // A stack-overflow trace is megabytes long: read and discard it, so that the child never blocks on a full pipe.
        var buffer = new char[8192];
        try
        {
            while (await reader.ReadAsync(buffer, cancellationToken).ConfigureAwait(false) > 0) { }
        }
        catch (OperationCanceledException)
        {
            // The caller handles the timeout.
        }
    }

    private static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    private static (string, string[])? ResolveCommand(IsolationOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.Command))
            return (options.Command, SplitArguments(options.CommandArguments));
        var processPath = Environment.ProcessPath;
        var entry = Assembly.GetEntryAssembly()?.Location;
        if (string.IsNullOrEmpty(processPath) || string.IsNullOrEmpty(entry)) return null;
        var name = Path.GetFileNameWithoutExtension(entry);
        // Test hosts and tools that do not know the worker argument cannot serve as workers.
        if (name.StartsWith("testhost", StringComparison.OrdinalIgnoreCase) || name.StartsWith("ReSharper", StringComparison.OrdinalIgnoreCase)) return null;
        var muxer = Path.GetFileNameWithoutExtension(processPath).Equals("dotnet", StringComparison.OrdinalIgnoreCase);
        return muxer ? (processPath, [entry]) : (processPath, []);
    }

    private static string[] SplitArguments(string? arguments) =>
        string.IsNullOrWhiteSpace(arguments) ? [] : arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
