using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using SmartCustoms.Edge.Storage;

namespace SmartCustoms.Edge.Messaging;

/// <summary>
/// The gateway's one MQTT 5 connection: persistent session (clean start off, session expiry), a retained Last
/// Will <c>{"online":false}</c> on the lane's state topic, and reconnects forever with exponential backoff and
/// jitter (MQTTnet 5 has no managed client). Other components publish through it and learn about (re)connects
/// through <see cref="WaitConnectedAsync"/> and <see cref="RegisterConnectedHandler"/>.
/// Thread-safety: all public members are thread-safe; MQTTnet allows concurrent publishes on one client.
/// </summary>
public sealed partial class MqttConnection : BackgroundService
{
    private readonly MqttOptions _options;
    private readonly EmbeddedMqttBroker _broker;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<MqttConnection> _logger;
    private readonly MessagingMetrics _metrics;
    private readonly IMqttClient _client;
    private readonly ReconnectBackoff _backoff;
    private readonly List<Func<CancellationToken, Task>> _connectedHandlers = [];
    private readonly Lock _stateLock = new();
    private TaskCompletionSource _connected = NewSignal();
    private TaskCompletionSource _disconnected = NewSignal();
    private long _epoch;
    private volatile MqttClientConnectResult? _lastConnect;
    private volatile bool _stopping;

    public MqttConnection(IOptions<MqttOptions> options, EmbeddedMqttBroker broker, TimeProvider timeProvider,
        MessagingMetrics metrics, ILogger<MqttConnection> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _broker = broker;
        _timeProvider = timeProvider;
        _metrics = metrics;
        _logger = logger;
        Topics = new MqttTopics(_options.Site, _options.Lane);
        _backoff = new ReconnectBackoff(_options.ReconnectMinDelay, _options.ReconnectMaxDelay);
        _client = new MqttClientFactory().CreateMqttClient();
        _client.DisconnectedAsync += OnDisconnectedAsync;
        _client.ApplicationMessageReceivedAsync += e =>
            MessageReceived is { } handler ? handler(e) : Task.CompletedTask;
    }

    public MqttTopics Topics { get; }

    public bool IsConnected => _client.IsConnected;

    /// <summary>Increments on every successful connect; lets a component notice it missed a reconnect.</summary>
    public long Epoch => Interlocked.Read(ref _epoch);

    /// <summary>The broker's answer to the current connection (Receive Maximum, session present, …).</summary>
    public MqttClientConnectResult? LastConnectResult => _lastConnect;

    /// <summary>Raised (on MQTTnet's threads) after every connect and every connection loss; handlers must be quick.</summary>
    public event EventHandler? ConnectionChanged;

    /// <summary>Incoming messages (commands). Runs on MQTTnet's receive loop: must not await a QoS 1 publish.</summary>
    public Func<MqttApplicationMessageReceivedEventArgs, Task>? MessageReceived { get; set; }

    /// <summary>Runs after each connect, before <see cref="WaitConnectedAsync"/> waiters are released
    /// (subscriptions). A throwing handler drops the connection, which is then retried.</summary>
    public void RegisterConnectedHandler(Func<CancellationToken, Task> handler)
    {
        lock (_stateLock)
        {
            _connectedHandlers.Add(handler);
        }
    }

    /// <summary>Completes when connected (immediately if already).</summary>
    public Task WaitConnectedAsync(CancellationToken cancellationToken)
    {
        lock (_stateLock)
        {
            return _connected.Task.WaitAsync(cancellationToken);
        }
    }

    /// <summary>Completes when the connection of the given epoch is lost.</summary>
    public Task WaitDisconnectedAsync(CancellationToken cancellationToken)
    {
        lock (_stateLock)
        {
            return _disconnected.Task.WaitAsync(cancellationToken);
        }
    }

    public Task<MqttClientPublishResult> PublishAsync(MqttApplicationMessage message,
        CancellationToken cancellationToken) => _client.PublishAsync(message, cancellationToken);

    public Task<MqttClientSubscribeResult> SubscribeAsync(MqttClientSubscribeOptions subscribe,
        CancellationToken cancellationToken) => _client.SubscribeAsync(subscribe, cancellationToken);

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _stopping = true;
        await base.StopAsync(cancellationToken);
        if (_client.IsConnected)
        {
            try
            {
                // A normal DISCONNECT: the broker discards the Last Will; the publisher has already sent the
                // explicit offline state.
                await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder()
                    .WithReason(MqttClientDisconnectOptionsReason.NormalDisconnection)
                    .Build(), cancellationToken);
            }
            catch (Exception ex) when (ex is MQTTnet.Exceptions.MqttCommunicationException
                                           or OperationCanceledException or ObjectDisposedException)
            {
                LogDisconnectFailed(_logger, ex);
            }
        }
    }

    public override void Dispose()
    {
        _client.Dispose();
        base.Dispose();
    }

    /// <summary>Connects, waits for the connection to drop, reconnects after a backoff; forever.</summary>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var attempt = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ConnectOnceAsync(stoppingToken);
                attempt = 0;
                await WaitDisconnectedAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // Any connect failure (DNS, TLS, refused, bad credentials) is retried forever.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                if (stoppingToken.IsCancellationRequested)
                {
                    // MQTTnet wraps a cancelled connect in its own exception; stopping is not a failure.
                    return;
                }

                _metrics.ConnectFailed();
                var endpoint = Endpoint();
                LogConnectFailed(_logger, endpoint, attempt, ex.Message);
                if (_client.IsConnected)
                {
                    await SafeDisconnectAsync();
                }
            }

            var delay = _backoff.Delay(attempt++);
            try
            {
                await Task.Delay(delay, _timeProvider, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task ConnectOnceAsync(CancellationToken cancellationToken)
    {
        lock (_stateLock)
        {
            // Armed before connecting so a drop during the connected handlers is not missed.
            if (_disconnected.Task.IsCompleted)
            {
                _disconnected = NewSignal();
            }
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.ConnectTimeout);
        var result = await _client.ConnectAsync(BuildClientOptions(), timeout.Token);
        if (result.ResultCode != MqttClientConnectResultCode.Success)
        {
            throw new InvalidOperationException(
                $"broker refused the connection: {result.ResultCode} {result.ReasonString}");
        }

        _lastConnect = result;
        Func<CancellationToken, Task>[] handlers;
        lock (_stateLock)
        {
            handlers = [.. _connectedHandlers];
        }

        foreach (var handler in handlers)
        {
            await handler(cancellationToken);
        }

        Interlocked.Increment(ref _epoch);
        _metrics.Connected();
        var endpoint = Endpoint();
        LogConnected(_logger, endpoint, _options.EffectiveClientId, result.IsSessionPresent);
        lock (_stateLock)
        {
            _connected.TrySetResult();
        }

        ConnectionChanged?.Invoke(this, EventArgs.Empty);
    }

    private Task OnDisconnectedAsync(MqttClientDisconnectedEventArgs e)
    {
        lock (_stateLock)
        {
            if (_connected.Task.IsCompleted)
            {
                _connected = NewSignal();
            }

            _disconnected.TrySetResult();
        }

        ConnectionChanged?.Invoke(this, EventArgs.Empty);

        if (e.ClientWasConnected)
        {
            _metrics.Disconnected();
            if (_stopping)
            {
                LogDisconnectedOnStop(_logger);
            }
            else
            {
                LogDisconnected(_logger, e.Reason, e.Exception?.Message ?? e.ReasonString ?? "");
            }
        }

        return Task.CompletedTask;
    }

    private async Task SafeDisconnectAsync()
    {
        try
        {
            await _client.DisconnectAsync(new MqttClientDisconnectOptions());
        }
        catch (Exception ex) when (ex is MQTTnet.Exceptions.MqttCommunicationException
                                       or OperationCanceledException or ObjectDisposedException)
        {
            LogDisconnectFailed(_logger, ex);
        }
    }

    private string Endpoint() => _options.UsesEmbeddedBroker
        ? $"127.0.0.1:{_broker.Port} (embedded)"
        : $"{_options.Host}:{_options.Port}";

    internal MqttClientOptions BuildClientOptions()
    {
        var (host, port) = _options.UsesEmbeddedBroker ? ("127.0.0.1", _broker.Port) : (_options.Host, _options.Port);
        var willId = "will-" + Guid.CreateVersion7(_timeProvider.GetUtcNow()).ToString("D");

        // The will is envelope-like but has no seq: the broker, not the outbox, publishes it, so it cannot take
        // a place in the gapless sequence.
        var will = EnvelopeWriter.Write(LaneState.Schema, willId, seq: null, _timeProvider.GetUtcNow(),
            _options.Site, _options.Lane, lot: null, new JsonObject
            {
                ["online"] = false,
                ["reason"] = "connection lost",
            });
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(host, port)
            .WithClientId(_options.EffectiveClientId)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithCleanStart(false)
            .WithSessionExpiryInterval(_options.SessionExpirySeconds)
            .WithKeepAlivePeriod(_options.KeepAlive)
            .WithTimeout(_options.ConnectTimeout)
            .WithWillTopic(Topics.State)
            .WithWillPayload(will)
            .WithWillRetain()
            .WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .WithWillContentType("application/json")
            .WithWillPayloadFormatIndicator(MqttPayloadFormatIndicator.CharacterData)
            .WithWillUserProperty("schema", OutboxMessages.Utf8(LaneState.Schema))
            .WithWillUserProperty("id", OutboxMessages.Utf8(willId));
        if (!string.IsNullOrEmpty(_options.Username))
        {
            builder.WithCredentials(_options.Username, _options.Password);
        }

        if (_options.UseTls)
        {
            builder.WithTlsOptions(ConfigureTls);
        }

        return builder.Build();
    }

    private void ConfigureTls(MqttClientTlsOptionsBuilder tls)
    {
        tls.UseTls().WithTargetHost(_options.Host);
        if (!string.IsNullOrEmpty(_options.CaCertificatePath))
        {
            var ca = new X509Certificate2Collection();
            ca.ImportFromPemFile(_options.CaCertificatePath);
            tls.WithTrustChain(ca).WithRevocationMode(X509RevocationMode.NoCheck);
        }

        if (!string.IsNullOrEmpty(_options.ClientCertificatePath))
        {
            var isPfx = _options.ClientCertificatePath.EndsWith(".pfx", StringComparison.OrdinalIgnoreCase) ||
                        _options.ClientCertificatePath.EndsWith(".p12", StringComparison.OrdinalIgnoreCase);
            var certificate = isPfx
                ? X509CertificateLoader.LoadPkcs12FromFile(_options.ClientCertificatePath,
                    _options.ClientCertificatePassword)
                : X509Certificate2.CreateFromPemFile(_options.ClientCertificatePath, _options.ClientKeyPath);
            tls.WithClientCertificates([certificate]);
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    [LoggerMessage(EventId = 2010, Level = LogLevel.Information,
        Message = "MQTT connected to {Endpoint} as {ClientId} (session present: {SessionPresent})")]
    private static partial void LogConnected(ILogger logger, string endpoint, string clientId, bool sessionPresent);

    [LoggerMessage(EventId = 2011, Level = LogLevel.Warning,
        Message = "MQTT connection lost ({Reason}): {Detail}; reconnecting")]
    private static partial void LogDisconnected(ILogger logger, MqttClientDisconnectReason reason, string detail);

    [LoggerMessage(EventId = 2014, Level = LogLevel.Information, Message = "MQTT disconnected (stopping)")]
    private static partial void LogDisconnectedOnStop(ILogger logger);

    [LoggerMessage(EventId = 2012, Level = LogLevel.Warning,
        Message = "MQTT connect to {Endpoint} failed (attempt {Attempt}): {Error}")]
    private static partial void LogConnectFailed(ILogger logger, string endpoint, int attempt, string error);

    [LoggerMessage(EventId = 2013, Level = LogLevel.Debug, Message = "MQTT disconnect did not complete cleanly")]
    private static partial void LogDisconnectFailed(ILogger logger, Exception exception);
}
