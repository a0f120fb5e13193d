using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using SmartCustoms.Drivers.Abstractions.Health;
using SmartCustoms.Edge.Hosting;
using SmartCustoms.Edge.IntegrationTests.Infrastructure;
using SmartCustoms.Simulators.Hosting;

namespace SmartCustoms.Edge.IntegrationTests.Gateway;

/// <summary>
/// The whole gateway in-process with --simulate (simulated devices on free loopback ports, the real drivers
/// talking to them over TCP/Modbus) against a real mosquitto. Shared by the tests of one class.
/// </summary>
public sealed class SimulatedGatewayFixture : IAsyncLifetime
{
    private readonly string _storage = Path.Combine(Path.GetTempPath(), "sc-gw-" + Guid.NewGuid().ToString("N")[..8]);
    private WebApplication? _app;

    public MosquittoFixture Broker { get; } = new();

    public string TopicRoot { get; private set; } = string.Empty;

    public IServiceProvider Services => _app?.Services ?? throw new InvalidOperationException("not started");

    public SimulatedLane Lane => Services.GetRequiredService<SimulatedLaneService>().Lane ?? throw new InvalidOperationException("simulator not running");

    public DeviceHealth HealthOf(string device) =>
        Services.GetServices<IDeviceHealthSource>().Single(d => d.DeviceName == device).Health;

    public async Task InitializeAsync()
    {
        await Broker.InitializeAsync();
        // The simulator's ports are picked free before the gateway binds them; another process can take one in
        // between (the OS hands out the same range for outgoing connections): start again with new ports.
        for (var attempt = 1; ; attempt++)
        {
            var args = SimulatedGatewayArguments.Create("clean", Broker.Port, embeddedBroker: false, _storage);
            TopicRoot = SimulatedGatewayArguments.TopicRoot(args);
            _app = GatewayApplication.Build([.. GatewayCommandLine.Parse(args).ConfigurationArgs]);
            try
            {
                await _app.StartAsync();
                return;
            }
            catch (IOException ex) when (attempt < 3 && ex.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
            {
                await _app.DisposeAsync();
                _app = null;
            }
        }
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        await Broker.DisposeAsync();
        try
        {
            Directory.Delete(_storage, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
