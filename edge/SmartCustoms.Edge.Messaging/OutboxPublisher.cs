using System.Runtime.CompilerServices;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SmartCustoms.Edge.Storage;

namespace SmartCustoms.Edge.Messaging;

/// <summary>
/// Drains the store's outbox to the broker: on each connect it first stores and publishes the retained online
/// state, then publishes pending events in outbox order (priority, then seq) with QoS 1, a bounded number in
/// flight, and marks an event delivered only after its PUBACK. Only the acknowledged prefix of a round is
/// marked, so after a failure everything from the first unacknowledged event is sent again in order
/// (at-least-once: consumers de-duplicate by id). On a clean stop it drains for a short while, then stores and
/// publishes the retained offline state.
/// Thread-safety: a hosted service; no public members besides the host's.
/// </summary>
public sealed partial class OutboxPublisher : BackgroundService
{
    private readonly IEventStore _store;
    private readonly MqttConnection _connection;
    private readonly MqttOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly MessagingMetrics _metrics;
    private readonly ILogger<OutboxPublisher> _logger;
    private readonly SemaphoreSlim _wake = new(0, 1);
    private readonly ReconnectBackoff _retryBackoff;
    private readonly ILaneStateDetails? _laneDetails;

    public OutboxPublisher(IEventStore store, MqttConnection connection, IOptions<MqttOptions> options,
        TimeProvider timeProvider, MessagingMetrics metrics, ILogger<OutboxPublisher> logger, ILaneStateDetails? laneDetails = null)
    {
        _laneDetails = laneDetails;
        ArgumentNullException.ThrowIfNull(options);
        _store = store;
        _connection = connection;
        _options = options.Value;
        _timeProvider = timeProvider;
        _metrics = metrics;
        _logger = logger;
        _retryBackoff = new ReconnectBackoff(TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(10));
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        _store.Appended -= OnAppended;
        _connection.ConnectionChanged -= OnConnectionChanged;
        try
        {
            using (var drain = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                drain.CancelAfter(_options.ShutdownDrainTimeout);
                await DrainUntilEmptyAsync(drain.Token);
            }

            var offline = await _store.AppendAsync(LaneState.Offline("shutdown"), CancellationToken.None);
            if (_connection.IsConnected)
            {
                using var publish = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                publish.CancelAfter(_options.ConnectTimeout);
                var acked = await PublishRoundAsync([offline], publish.Token);
                if (acked.Count > 0)
                {
                    await _store.MarkDeliveredAsync(acked, CancellationToken.None);
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or ObjectDisposedException)
        {
            // The offline state stays in the outbox (or the Last Will covers it); nothing is lost.
            LogOfflineNotSent(_logger, ex.Message);
        }
    }

    public override void Dispose()
    {
        _wake.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _store.Appended += OnAppended;
        _connection.ConnectionChanged += OnConnectionChanged;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await _connection.WaitConnectedAsync(stoppingToken);
                var epoch = _connection.Epoch;
                await AppendOnlineStateAsync(stoppingToken);
                await DrainWhileConnectedAsync(epoch, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // The outbox must keep draining whatever one round hit (store or broker).
            catch (Exception ex)
#pragma warning restore CA1031
            {
                LogDrainFailed(_logger, ex);
                await Task.Delay(_options.ReconnectMinDelay, _timeProvider, stoppingToken);
            }
        }
    }

    private async Task AppendOnlineStateAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _store.AppendAsync(LaneState.Online(_timeProvider.GetUtcNow(), _options.EffectiveClientId, _laneDetails),
                cancellationToken);
        }
        catch (StorageFullException ex)
        {
            // Still drain: delivering is what frees the budget.
            LogOnlineNotStored(_logger, ex.Message);
        }
    }

    /// <summary>Drains until the connection of <paramref name="epoch"/> is gone (a reconnect starts over with
    /// the online state).</summary>
    private async Task DrainWhileConnectedAsync(long epoch, CancellationToken cancellationToken)
    {
        var failures = 0;
        while (!cancellationToken.IsCancellationRequested && _connection.IsConnected && _connection.Epoch == epoch)
        {
            var batch = await _store.ReadPendingAsync(_options.OutboxBatchSize, cancellationToken);
            if (batch.Count == 0)
            {
                // New appends and connection changes wake us; the time-out is a safety net.
                await _wake.WaitAsync(TimeSpan.FromSeconds(1), cancellationToken);
                continue;
            }

            var acked = await PublishRoundAsync(batch, cancellationToken);
            if (acked.Count > 0)
            {
                await _store.MarkDeliveredAsync(acked, CancellationToken.None);
            }

            if (acked.Count < batch.Count)
            {
                // Refused or failed while still connected: wait before retrying the same prefix. A lost
                // connection skips the wait; the reconnect starts a fresh drain.
                if (_connection.IsConnected && _connection.Epoch == epoch)
                {
                    await Task.Delay(_retryBackoff.Delay(failures++), _timeProvider, cancellationToken);
                }
            }
            else
            {
                failures = 0;
            }
        }
    }

    private async Task DrainUntilEmptyAsync(CancellationToken cancellationToken)
    {
        while (_connection.IsConnected && !cancellationToken.IsCancellationRequested)
        {
            var batch = await _store.ReadPendingAsync(_options.OutboxBatchSize, cancellationToken);
            if (batch.Count == 0)
            {
                return;
            }

            var acked = await PublishRoundAsync(batch, cancellationToken);
            if (acked.Count > 0)
            {
                await _store.MarkDeliveredAsync(acked, CancellationToken.None);
            }

            if (acked.Count < batch.Count)
            {
                return;
            }
        }
    }

    /// <summary>
    /// Publishes the batch with at most the in-flight window outstanding; returns the seqs of the acknowledged
    /// prefix (stops issuing at the first failure).
    /// </summary>
    private async Task<List<long>> PublishRoundAsync(IReadOnlyList<StoredEvent> batch,
        CancellationToken cancellationToken)
    {
        var receiveMaximum = _connection.LastConnectResult?.ReceiveMaximum is { } r and > 0 ? r : 65535;
        var window = Math.Max(1, Math.Min(_options.MaxInFlight, receiveMaximum));
        using var gate = new SemaphoreSlim(window, window);
        var tasks = new List<Task<bool>>(batch.Count);
        var failed = new StrongBox<bool>();
        foreach (var stored in batch)
        {
            try
            {
                await gate.WaitAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            if (Volatile.Read(ref failed.Value) || !_connection.IsConnected)
            {
                gate.Release();
                break;
            }

            // Issued one after another on this loop: MQTTnet writes packets in call order, so the broker sees
            // them in outbox order.
            tasks.Add(PublishOneAsync(stored, gate, failed, cancellationToken));
        }

        var results = await Task.WhenAll(tasks);
        var acked = new List<long>(results.Length);
        for (var i = 0; i < results.Length && results[i]; i++)
        {
            acked.Add(batch[i].Seq);
        }

        _metrics.Published(tasks.Count);
        _metrics.AckedMessages(acked.Count);
        if (acked.Count < batch.Count)
        {
            _metrics.PublishFailed(batch.Count - acked.Count);
        }

        return acked;
    }

    private async Task<bool> PublishOneAsync(StoredEvent stored, SemaphoreSlim gate, StrongBox<bool> failed,
        CancellationToken cancellationToken)
    {
        try
        {
            var result = await _connection.PublishAsync(OutboxMessages.ToMessage(stored, _connection.Topics),
                cancellationToken);
            if (OutboxMessages.IsAccepted(result))
            {
                return true;
            }

            LogRefused(_logger, stored.Seq, stored.TopicSuffix, result.ReasonCode.ToString(), result.ReasonString);
        }
#pragma warning disable CA1031 // Any publish failure leaves the event pending; it is retried after reconnect.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            if (!cancellationToken.IsCancellationRequested)
            {
                LogPublishFailed(_logger, stored.Seq, ex.Message);
            }
        }
        finally
        {
            gate.Release();
        }

        Volatile.Write(ref failed.Value, true);
        return false;
    }

    private void OnConnectionChanged(object? sender, EventArgs e) => Wake();

    private void OnAppended(object? sender, EventsAppendedEventArgs e) => Wake();

    private void Wake()
    {
        if (_wake.CurrentCount == 0)
        {
            try
            {
                _wake.Release();
            }
            catch (SemaphoreFullException)
            {
                // Another append woke us already.
            }
            catch (ObjectDisposedException)
            {
                // Stopping.
            }
        }
    }

    [LoggerMessage(EventId = 2020, Level = LogLevel.Warning,
        Message = "Broker refused event seq {Seq} on {Topic}: {Reason} {Detail}; it stays pending and is retried")]
    private static partial void LogRefused(ILogger logger, long seq, string topic, string reason, string? detail);

    [LoggerMessage(EventId = 2021, Level = LogLevel.Warning,
        Message = "Publishing event seq {Seq} failed: {Error}; it stays pending")]
    private static partial void LogPublishFailed(ILogger logger, long seq, string error);

    [LoggerMessage(EventId = 2022, Level = LogLevel.Error, Message = "Outbox drain failed; retrying")]
    private static partial void LogDrainFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 2023, Level = LogLevel.Warning,
        Message = "Offline state not published on stop ({Error}); the Last Will or the next start covers it")]
    private static partial void LogOfflineNotSent(ILogger logger, string error);

    [LoggerMessage(EventId = 2024, Level = LogLevel.Error, Message = "Online state not stored: {Error}")]
    private static partial void LogOnlineNotStored(ILogger logger, string error);
}
