namespace SmartCustoms.Edge.IntegrationTests.Infrastructure;

/// <summary>
/// Base of the tests that run the gateway as a process against their own mosquitto and their own
/// <c>Storage:Path</c>: starts the broker before the test, stops it and deletes the folder after.
/// </summary>
public abstract class BrokerAndStoreTest : IAsyncLifetime
{
    /// <param name="folderPrefix">Names the temporary storage folder after the test (e.g. <c>sc-kill-</c>), for anyone looking in /tmp.</param>
    protected BrokerAndStoreTest(string folderPrefix) =>
        Storage = Path.Combine(Path.GetTempPath(), folderPrefix + Guid.NewGuid().ToString("N")[..8]);

    /// <summary>A real mosquitto on a free port, running during the test.</summary>
    protected MosquittoFixture Broker { get; } = new();

    /// <summary>The gateway's <c>Storage:Path</c> for this test (created by the gateway).</summary>
    protected string Storage { get; }

    public Task InitializeAsync() => Broker.InitializeAsync();

    public async Task DisposeAsync()
    {
        await Broker.DisposeAsync();
        try
        {
            Directory.Delete(Storage, recursive: true);
        }
        catch (IOException)
        {
            // Left behind in /tmp: harmless, and a failure here must not hide the test's own result.
        }
    }
}
