using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MQTTnet.Server;

namespace SmartCustoms.Edge.Messaging;

/// <summary>
/// MQTTnet broker on 127.0.0.1 for development and single-box use, started when <c>Mqtt:Host</c> is empty.
/// Loopback only, no TLS, no authentication; retained messages and sessions live in memory (lost on restart).
/// The per-client queue is raised from MQTTnet's 250 so a slow subscriber does not lose events, and a retained
/// message that changes while a client subscribes is sent to it after all (<see cref="RetainedDuringSubscribeRedelivery"/>).
/// Thread-safety: start/stop are called by the host; <see cref="Port"/> is safe to read after start.
/// </summary>
public sealed partial class EmbeddedMqttBroker(IOptions<MqttOptions> options, ILogger<EmbeddedMqttBroker> logger)
    : IHostedService, IAsyncDisposable
{
    private MqttServer? _server;

    /// <summary>The port the broker listens on (resolved when the option is 0); 0 before start.</summary>
    public int Port { get; private set; }

    /// <summary>The running server, for tests and diagnostics; null when not started.</summary>
    public MqttServer? Server => _server;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.UsesEmbeddedBroker)
        {
            return;
        }

        var port = settings.EmbeddedBrokerPort == 0 ? FreeLoopbackPort() : settings.EmbeddedBrokerPort;
        var serverOptions = new MqttServerOptionsBuilder()
            .WithDefaultEndpoint()
            .WithDefaultEndpointBoundIPAddress(IPAddress.Loopback)
            .WithDefaultEndpointBoundIPV6Address(IPAddress.None)
            .WithDefaultEndpointPort(port)
            .WithPersistentSessions()
            .WithMaxPendingMessagesPerClient(settings.EmbeddedBrokerMaxPendingPerClient)
            .Build();
        var server = new MqttServerFactory().CreateMqttServer(serverOptions);
        // Clients such as `mosquitto_sub` without -i send an empty client id and expect the broker to assign
        // one (MQTT 3.1.1 §3.1.3-6/7 with a clean session, MQTT 5 "Assigned Client Identifier").
        server.ValidatingConnectionAsync += e =>
        {
            if (string.IsNullOrEmpty(e.ClientId))
            {
                EmptyClientIdAssigner.Assign(e);
            }

            return Task.CompletedTask;
        };
        RetainedDuringSubscribeRedelivery.Attach(server);
        try
        {
            await server.StartAsync();
        }
        catch (SocketException ex)
        {
            server.Dispose();
            throw new InvalidOperationException(
                $"Embedded MQTT broker cannot listen on 127.0.0.1:{port} ({ex.Message}); set Mqtt:EmbeddedBrokerPort " +
                "to a free port or Mqtt:Host to an external broker", ex);
        }

        _server = server;
        Port = port;
        LogStarted(logger, port);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_server is { } server)
        {
            await server.StopAsync(new MqttServerStopOptions());
        }
    }

    public ValueTask DisposeAsync()
    {
        _server?.Dispose();
        _server = null;
        return ValueTask.CompletedTask;
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [LoggerMessage(EventId = 2000, Level = LogLevel.Information,
        Message = "Embedded MQTT broker listening on 127.0.0.1:{Port} (development and single-box use only)")]
    private static partial void LogStarted(ILogger logger, int port);
}
