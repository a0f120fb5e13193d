using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SmartCustoms.Edge.Messaging;
using SmartCustoms.Edge.Storage;

namespace SmartCustoms.Edge.IntegrationTests.Infrastructure;

/// <summary>
/// The storage + messaging half of the gateway in a generic host, wired exactly as the real host wires it
/// (<c>AddEdgeStorage()</c> + <c>AddMqtt()</c>), with a temp store and fast reconnects.
/// </summary>
public sealed class GatewayHost : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly string _storePath;
    private bool _stopped;

    private GatewayHost(IHost host, string storePath)
    {
        _host = host;
        _storePath = storePath;
    }

    public const string Site = "pier7";
    public const string Lane = "lane2";
    public const string Root = "sc/v1/pier7/lane2";

    public IServiceProvider Services => _host.Services;

    public IEventStore Store => _host.Services.GetRequiredService<IEventStore>();

    public MqttConnection Connection => _host.Services.GetRequiredService<MqttConnection>();

    public static async Task<GatewayHost> StartAsync(string? brokerHost, int brokerPort,
        Action<IServiceCollection>? services = null, IDictionary<string, string?>? settings = null,
        string? storePath = null)
    {
        storePath ??= Path.Combine(Path.GetTempPath(), "sc-gw-" + Guid.NewGuid().ToString("N"));
        var builder = Host.CreateApplicationBuilder();
        var config = new Dictionary<string, string?>
        {
            ["Storage:Path"] = storePath,
            ["Mqtt:Host"] = brokerHost ?? "",
            ["Mqtt:Port"] = brokerPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Mqtt:EmbeddedBrokerPort"] = brokerHost is null
                ? brokerPort.ToString(System.Globalization.CultureInfo.InvariantCulture)
                : "1883",
            ["Mqtt:Site"] = Site,
            ["Mqtt:Lane"] = Lane,
            ["Mqtt:ClientId"] = "gw-" + Guid.NewGuid().ToString("N")[..10],
            ["Mqtt:ReconnectMinDelay"] = "00:00:00.100",
            ["Mqtt:ReconnectMaxDelay"] = "00:00:00.500",
            ["Mqtt:KeepAlive"] = "00:00:05",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            config[key] = value;
        }

        builder.Configuration.AddInMemoryCollection(config);
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole();
        builder.Logging.SetMinimumLevel(Enum.Parse<LogLevel>(Environment.GetEnvironmentVariable("SC_TEST_LOG") ?? "Warning"));
        builder.Services.AddEdgeStorage();
        builder.Services.AddMqtt();
        services?.Invoke(builder.Services);
        var host = builder.Build();
        await host.StartAsync();
        return new GatewayHost(host, storePath);
    }

    /// <summary>Waits until the gateway is connected and its outbox is empty.</summary>
    public async Task WaitDrainedAsync(TimeSpan within)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (clock.Elapsed < within)
        {
            if (Connection.IsConnected && Store.PendingCount == 0 && Store.LastSeq > 0)
            {
                return;
            }

            await Task.Delay(10);
        }

        throw new TimeoutException($"gateway not drained within {within.TotalSeconds} s: connected=" +
                                   $"{Connection.IsConnected}, pending={Store.PendingCount}");
    }

    public async Task StopAsync()
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _host.StopAsync(timeout.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _host.Dispose();
        try
        {
            Directory.Delete(_storePath, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }
}
