using System.Reflection;
using CustomsFn.Core.Contract;

namespace CustomsFn.Infra.Tests.Support;

/// <summary>The names the code uses, read from <see cref="StorageNames"/> so that a rename there reaches these tests.</summary>
public static class CodeNames
{
    private static IReadOnlyList<(string Field, string Value)> Constants { get; } =
        typeof(StorageNames).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (f.Name, (string)f.GetRawConstantValue()!))
            .ToList();

    public static IReadOnlySet<string> Containers { get; } = ValuesOf("Container");

    public static IReadOnlySet<string> Queues { get; } = ValuesOf("Queue");

    public static IReadOnlySet<string> Tables { get; } = ValuesOf("Table");

    /// <summary>Every storage name the code declares: containers, queues, tables.</summary>
    public static IReadOnlySet<string> All { get; } = Containers.Concat(Queues).Concat(Tables).ToHashSet(StringComparer.Ordinal);

    public static string Connection => StorageNames.ConnectionName;

    private static HashSet<string> ValuesOf(string suffix) =>
        Constants.Where(c => c.Field.EndsWith(suffix, StringComparison.Ordinal)).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
}
