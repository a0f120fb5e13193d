using Microsoft.Extensions.DependencyInjection;
using SmartCustoms.Edge.IntegrationTests.Infrastructure;
using SmartCustoms.Edge.Messaging;

namespace SmartCustoms.Edge.IntegrationTests.Messaging;

/// <summary>The production set-up: mosquitto with TLS, client certificates required, no anonymous access.</summary>
public sealed class MosquittoTlsTests : IAsyncLifetime
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(20);
    private readonly MosquittoFixture _broker = new();
    private TestCertificates _certificates = null!;

    public async Task InitializeAsync()
    {
        _certificates = TestCertificates.Create(Path.Combine(_broker.Folder, "tls"), "sc-edge-pier7-lane2");
        _broker.ListenerSettings.Add("cafile " + _certificates.CaPath);
        _broker.ListenerSettings.Add("certfile " + _certificates.ServerCertPath);
        _broker.ListenerSettings.Add("keyfile " + _certificates.ServerKeyPath);
        _broker.ListenerSettings.Add("require_certificate true");
        _broker.ListenerSettings.Add("use_identity_as_username true");
        _broker.AllowAnonymous = false;
        await _broker.InitializeAsync();
    }

    public Task DisposeAsync() => _broker.DisposeAsync();

    [Fact]
    public async Task Gateway_ConnectsWithClientCertificate_AndDeliversItsOutbox()
    {
        await using var gateway = await GatewayHost.StartAsync("127.0.0.1", _broker.Port, settings: Tls(withClientCert: true));
        await gateway.WaitDrainedAsync(Within);
        Assert.True(gateway.Connection.IsConnected);
    }

    [Fact]
    public async Task Gateway_WithoutClientCertificate_IsRefused_AndKeepsItsOutbox()
    {
        await using var gateway = await GatewayHost.StartAsync("127.0.0.1", _broker.Port, settings: Tls(withClientCert: false));
        var metrics = gateway.Services.GetRequiredService<MessagingMetrics>();
        await gateway.Store.AppendAsync(SmartCustoms.Edge.Storage.EventDraft.ForAlarm(null));

        // Refused again and again (the reconnect loop keeps trying), nothing delivered.
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (metrics.ConnectFailures < 3)
        {
            Assert.True(clock.Elapsed < Within, "the gateway stopped retrying");
            await Task.Delay(20);
        }

        Assert.False(gateway.Connection.IsConnected);
        Assert.Equal(0, metrics.Reconnects);
        Assert.Equal(1, gateway.Store.PendingCount);
    }

    private Dictionary<string, string?> Tls(bool withClientCert) => new()
    {
        ["Mqtt:UseTls"] = "true",
        ["Mqtt:CaCertificatePath"] = _certificates.CaPath,
        ["Mqtt:ClientCertificatePath"] = withClientCert ? _certificates.ClientCertPath : null,
        ["Mqtt:ClientKeyPath"] = withClientCert ? _certificates.ClientKeyPath : null,
    };
}
