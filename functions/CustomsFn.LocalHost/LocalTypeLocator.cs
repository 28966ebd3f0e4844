using Microsoft.Azure.WebJobs;

namespace CustomsFn.LocalHost;

/// <summary>Only <see cref="LocalFunctions"/> holds functions (the SDK would otherwise scan the entry assembly, a test runner's in tests).</summary>
internal sealed class LocalTypeLocator : ITypeLocator
{
    public IReadOnlyList<Type> GetTypes() => [typeof(LocalFunctions)];
}
