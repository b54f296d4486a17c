namespace LeadHandoff.Testing;

/// <summary>
/// Real Table Storage for a test collection: an in-memory Azurite on a free loopback port, or the
/// account named by LEADHANDOFF_TEST_STORAGE (a connection string) when that is set.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    public const string EnvironmentVariable = "LEADHANDOFF_TEST_STORAGE";

    private Azurite? _azurite;

    public string ConnectionString { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var external = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(external))
        {
            ConnectionString = external;
            return;
        }
        _azurite = await Azurite.StartAsync(tableOnly: true);
        ConnectionString = _azurite.ConnectionString;
    }

    public async Task DisposeAsync()
    {
        if (_azurite is not null) await _azurite.DisposeAsync();
    }
}
