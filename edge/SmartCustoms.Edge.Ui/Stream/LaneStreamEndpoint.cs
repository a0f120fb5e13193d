using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Hosting;
using SmartCustoms.Edge.Core;
using SmartCustoms.Edge.Core.Belt;
using SmartCustoms.Edge.Core.Events;
using SmartCustoms.Edge.Storage;

namespace SmartCustoms.Edge.Ui.Stream;

/// <summary>
/// <c>GET /ui/stream</c>: Server-Sent Events for the lane view. Once: <c>geometry</c> (device positions).
/// Every 500 ms: <c>lane</c> (the core's snapshot, as <c>/api/lane</c>), <c>link</c> (broker state) and
/// <c>instruments</c> (device readings, latest spectrum, calibrations: <see cref="InstrumentsView"/>); <c>thresholds</c>
/// (the run-time verdict thresholds) at the start and whenever they change.
/// Each stored event as soon as it is durable: <c>stored</c> (the envelope as published). If a slow browser
/// falls behind by more than 512 stored events the oldest are dropped and <c>dropped</c> says how many, so
/// a stuck page never grows the gateway's memory.
/// </summary>
internal static class LaneStreamEndpoint
{
    public static async Task RunAsync(HttpContext http, LaneCore core, IEventStore store, BrokerStatus broker,
        InstrumentsView instruments, IHostApplicationLifetime lifetime, TimeProvider time)
    {
        http.Response.Headers.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache, no-store";
        http.Response.Headers["X-Accel-Buffering"] = "no";
        http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();

        var drops = new StrongBox<long>();
        var stored = Channel.CreateBounded<StoredEvent>(new BoundedChannelOptions(LaneStreamPacing.StoredEventsBuffered)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
        }, _ => Interlocked.Increment(ref drops.Value));

        void OnAppended(object? sender, EventsAppendedEventArgs e)
        {
            foreach (var ev in e.Events)
            {
                stored.Writer.TryWrite(ev);
            }
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, lifetime.ApplicationStopping);
        var ct = stop.Token;
        store.Appended += OnAppended;
        try
        {
            var geometry = core.Belt.Geometry;
            await WriteAsync(http, "geometry", JsonSerializer.Serialize(new
            {
                scale = geometry.PositionOf(LaneDevice.Scale),
                camera = geometry.PositionOf(LaneDevice.Camera),
                nir = geometry.PositionOf(LaneDevice.Nir),
                radiation = geometry.PositionOf(LaneDevice.Radiation),
                cutter = geometry.PositionOf(LaneDevice.Cutter),
                beltWidth = geometry.BeltWidthMetres,
                lastSeq = store.LastSeq,
            }, LaneEventJson.Options), ct);

            var next = time.GetTimestamp();
            long reportedDropped = 0;
            string? sentThresholds = null;
            while (!ct.IsCancellationRequested)
            {
                await WriteAsync(http, "lane", JsonSerializer.Serialize(core.GetSnapshot(), LaneEventJson.Options), ct);
                // Verdict thresholds when they change (a supervisor at another panel, or over MQTT/HTTP).
                var thresholds = JsonSerializer.Serialize(core.Thresholds, LaneEventJson.Options);
                if (thresholds != sentThresholds)
                {
                    await WriteAsync(http, "thresholds", thresholds, ct);
                    sentThresholds = thresholds;
                }

                await WriteAsync(http, "link", JsonSerializer.Serialize(new { broker = broker.State, storePending = store.PendingCount, storeOverBudget = store.IsOverBudget }, LaneEventJson.Options), ct);
                await WriteAsync(http, "instruments", JsonSerializer.Serialize(instruments.Snapshot(), LaneEventJson.Options), ct);
                next += (long)(LaneStreamPacing.SnapshotEvery.TotalSeconds * time.TimestampFrequency);

                // Until the next snapshot is due, forward stored events as they become durable.
                while (true)
                {
                    var wait = time.GetElapsedTime(time.GetTimestamp(), next);
                    if (wait <= TimeSpan.Zero)
                    {
                        break;
                    }

                    using var slice = CancellationTokenSource.CreateLinkedTokenSource(ct);
                    slice.CancelAfter(wait);
                    try
                    {
                        var ev = await stored.Reader.ReadAsync(slice.Token);
                        await WriteAsync(http, "stored", ev.EnvelopeJson, ct);
                    }
                    catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                    {
                        break;
                    }
                }

                var dropped = Interlocked.Read(ref drops.Value);
                if (dropped != reportedDropped)
                {
                    await WriteAsync(http, "dropped", (dropped - reportedDropped).ToString(CultureInfo.InvariantCulture), ct);
                    reportedDropped = dropped;
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The browser went away or the gateway is stopping: end the stream quietly.
        }
        catch (IOException)
        {
            // The connection broke mid-write.
        }
        finally
        {
            store.Appended -= OnAppended;
        }
    }

    private static async Task WriteAsync(HttpContext http, string name, string data, CancellationToken ct)
    {
        var text = new StringBuilder(data.Length + 32).Append("event: ").Append(name).Append('\n');
        foreach (var line in data.Split('\n'))
        {
            text.Append("data: ").Append(line.TrimEnd('\r')).Append('\n');
        }

        text.Append('\n');
        await http.Response.WriteAsync(text.ToString(), ct);
        await http.Response.Body.FlushAsync(ct);
    }
}
