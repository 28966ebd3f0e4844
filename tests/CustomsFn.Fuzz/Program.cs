using CustomsFn.Fuzz;
using SharpFuzz;

// Usage: CustomsFn.Fuzz TARGET            run under afl-fuzz (SharpFuzz out-of-process mode; see scripts/fuzz.sh)
//        CustomsFn.Fuzz TARGET --file F   run one input once (reproduce a finding; use an uninstrumented build:
//                                          dotnet run --project tests/CustomsFn.Fuzz -c Release -- TARGET --file F)
if (args.Length == 0 || !FuzzTargets.Names.Contains(args[0]))
{
    Console.Error.WriteLine($"usage: CustomsFn.Fuzz {{{string.Join("|", FuzzTargets.Names)}}} [--file INPUT]");
    return 2;
}
var target = args[0];
if (args.Length == 3 && args[1] == "--file")
{
    FuzzTargets.Run(target, File.ReadAllBytes(args[2]));
    Console.WriteLine("ok");
    return 0;
}
Fuzzer.OutOfProcess.Run(stream =>
{
    using var buffer = new MemoryStream();
    stream.CopyTo(buffer);
    FuzzTargets.Run(target, buffer.ToArray());
});
return 0;
