using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using SmartCustoms.Edge.Storage;
using SmartCustoms.Edge.Storage.Audit;

namespace SmartCustoms.Edge.Audit;

/// <summary>
/// Sample custody in the audit chain: every stored <c>increment</c> event (planned, commanded, taken, failed,
/// acknowledged, …) becomes a <c>custody</c> record naming the increment, its lot and the event's id and seq.
/// It listens to the store, so an increment is audited exactly when it became durable, whoever produced it.
/// The store's callback only queues; the audit is written here, off the store's writer thread.
/// </summary>
internal sealed partial class IncrementCustodyAuditor(IEventStore store, IAuditLog audit, ILogger<IncrementCustodyAuditor> logger)
    : BackgroundService
{
    private readonly Channel<StoredEvent> _queue = Channel.CreateUnbounded<StoredEvent>(new UnboundedChannelOptions { SingleReader = true });

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        store.Appended += OnAppended;
        return base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        store.Appended -= OnAppended;
        _queue.Writer.TryComplete();
        await base.StopAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Not cancelled by the stop token: what was queued before the stop is still written.
        await foreach (var stored in _queue.Reader.ReadAllAsync(CancellationToken.None))
        {
            try
            {
                await audit.AppendAsync(For(stored), CancellationToken.None);
            }
            catch (Exception ex) when (ex is IOException or ArgumentException or JsonException or ObjectDisposedException)
            {
                LogAuditFailed(logger, stored.Seq, ex.Message);
            }
        }
    }

    internal static AuditEntry For(StoredEvent stored)
    {
        var data = JsonNode.Parse(stored.EnvelopeJson)?["data"] as JsonObject ?? [];
        var details = new JsonObject
        {
            ["eventId"] = stored.Id,
            ["seq"] = stored.Seq,
            ["incrementId"] = data["id"]?.DeepClone(),
            ["state"] = data["state"]?.DeepClone(),
            ["reason"] = data["reason"]?.DeepClone(),
            ["massKg"] = data["massKg"]?.DeepClone(),
            ["massMeasured"] = data["massMeasured"]?.DeepClone(),
            ["segmentNumber"] = data["segmentNumber"]?.DeepClone(),
            ["note"] = data["note"]?.DeepClone(),
        };
        return new AuditEntry("custody", data["event"]?.GetValueKind() == JsonValueKind.String ? data["event"]!.GetValue<string>() : "increment")
        {
            Actor = "gateway",
            Source = "lane",
            Lot = stored.Lot,
            Outcome = "ok",
            Details = details,
        };
    }

    private void OnAppended(object? sender, EventsAppendedEventArgs e)
    {
        foreach (var stored in e.Events)
        {
            if (stored.Type == "increment")
            {
                _queue.Writer.TryWrite(stored);
            }
        }
    }

    [LoggerMessage(EventId = 1710, Level = LogLevel.Error, Message = "Custody of the increment event with seq {Seq} could not be audited: {Reason}")]
    private static partial void LogAuditFailed(ILogger logger, long seq, string reason);
}
