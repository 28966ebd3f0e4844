namespace CustomsFn.IntegrationTests.Support;

/// <summary>One Azurite shared by the tests of a class (they use distinct content, so distinct document ids).</summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private TestAzurite? _azurite;

    public TestAzurite Azurite => _azurite ?? throw new InvalidOperationException("Azurite is not started.");

    public async Task InitializeAsync() => _azurite = await TestAzurite.StartAsync();

    public async Task DisposeAsync()
    {
        if (_azurite is not null) await _azurite.DisposeAsync();
    }
}
