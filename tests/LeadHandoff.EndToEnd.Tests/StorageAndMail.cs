namespace LeadHandoff.EndToEnd.Tests;

/// <summary>
/// What a host test that sends email stands on: its own Azurite (tables, blobs and queues, as the
/// host needs) and the fake SendGrid, started before each test and stopped after it.
/// </summary>
public abstract class StorageAndMail : IAsyncLifetime
{
    protected Azurite Storage { get; private set; } = null!;

    protected FakeSendGrid SendGrid { get; private set; } = null!;

    public virtual async Task InitializeAsync()
    {
        Storage = await Azurite.StartAsync(tableOnly: false);
        SendGrid = new FakeSendGrid(TimeProvider.System);
    }

    public virtual async Task DisposeAsync()
    {
        await SendGrid.DisposeAsync();
        await Storage.DisposeAsync();
    }
}
