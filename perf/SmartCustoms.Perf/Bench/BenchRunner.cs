using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using SmartCustoms.Perf.Mqtt;
using SmartCustoms.Perf.Processes;
using SmartCustoms.Perf.Reporting;

namespace SmartCustoms.Perf.Bench;

/// <summary>
/// One end-to-end run at one load: mosquitto, <c>scsim lane</c> and the gateway as three processes on this
/// machine, a persistent subscriber as the central system; a warm-up, then a measured window.
/// </summary>
internal static class BenchRunner
{
    private static readonly string[] NoVisualModel = ["--Models:VisualModelPath="];

    public sealed record Run(BenchResult Result, MosquittoBroker Broker, RecordingSubscriber Subscriber, double MeanEnvelopeBytes);

    /// <summary>Runs the lane at <paramref name="load"/>; the broker and subscriber stay up for the bare publisher (caller disposes them).</summary>
    public static async Task<Run> RunAsync(BenchOptions options, LaneLoad load, TextWriter log)
    {
        var broker = await MosquittoBroker.StartAsync(options.Mosquitto);
        RecordingSubscriber? subscriber = null;
        try
        {
            await using var lane = await LaneSimulator.StartAsync(options.ScsimDll, options.Scenario, options.Seed, load, options.ItemsPerKm);
            JsonElement positions;
            using (var truth = await lane.TruthAsync())
            {
                positions = truth.RootElement.GetProperty("devicePositionsM").Clone();
            }

            subscriber = await RecordingSubscriber.StartAsync(broker.Port, GatewayUnderTest.TopicRoot + "/#");
            await using var gateway = GatewayUnderTest.Create(options.GatewayDll, broker, lane, positions,
                [
                    "--Acquisition:Nir:SummaryInterval=00:00:01",
                    // The instrument can only deliver the line rate with an integration time that fits in its period.
                    "--Devices:Nir:IntegrationTimeMicroseconds=" + load.NirIntegrationUs.ToString(CultureInfo.InvariantCulture),
                    // Visual detection on (the 25 fps target includes the camera path); later --gateway-arg wins.
                    "--Models:VisualModelPath=models/onnx/visual-detector.onnx",
                    // The spectral ceiling compares with the spectral model alone: no visual detector (the simulator runs no camera).
                    .. (load.NirTestSource ? NoVisualModel : []),
                    .. options.GatewayArgs,
                ]);
            var started = Stopwatch.StartNew();
            gateway.Start();
            var startup = await WaitForOnlineAsync(gateway, subscriber, TimeSpan.FromSeconds(90));
            log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {load}: gateway published its state {startup.TotalSeconds:F2} s after start; warm-up {options.WarmupSeconds:0} s"));
            await gateway.CommandAsync("start-lot",
                """{"lotId":"PERF-1","declarationNumber":"D-PERF-1","vessel":"MV Bench","declaredBrand":"PB fines","declaredMassTonnes":100000,"hsCode":"2601.11"}""");
            await Task.Delay(TimeSpan.FromSeconds(options.WarmupSeconds));
            var (laneZero, uncertainty) = await lane.LaneZeroAsync();

            // The measured window.
            var windows = new[]
            {
                new ProcessUsage.Window("gateway", gateway.Pid),
                new ProcessUsage.Window("scsim lane", lane.Pid),
                new ProcessUsage.Window("mosquitto", broker.Pid),
            };
            var seq0 = await gateway.LastSeqAsync();
            var camera0 = await gateway.CameraAsync();
            var metrics0 = await gateway.MetricsAsync();
            var t0 = Stopwatch.GetTimestamp();
            var window = Stopwatch.StartNew();
            while (window.Elapsed.TotalSeconds < options.Seconds)
            {
                if (!gateway.IsRunning)
                {
                    throw new InvalidOperationException("the gateway exited during the run:\n" + gateway.Output);
                }

                await Task.Delay(250);
            }

            var usages = windows.Select(w => w.Stop()).ToList();
            var t1 = Stopwatch.GetTimestamp();
            var seconds = Stopwatch.GetElapsedTime(t0, t1).TotalSeconds;
            var seq1 = await gateway.LastSeqAsync();
            var camera1 = await gateway.CameraAsync();
            var metrics1 = await gateway.MetricsAsync();
            await gateway.StopAsync();

            var inWindow = subscriber.Received.Where(r => r.ReceivedTimestamp >= t0 && r.ReceivedTimestamp <= t1).ToList();
            var result = Analyse(load, seconds, startup, inWindow, seq0, seq1, camera0, camera1, usages, laneZero, uncertainty, lane.NirBootOffsetMicroseconds);
            if (metrics0 is not null && metrics1 is not null)
            {
                foreach (var (name, end) in metrics1.Where(m => m.Key.Contains("_total", StringComparison.Ordinal)).OrderBy(m => m.Key, StringComparer.Ordinal))
                {
                    var rate = (end - metrics0.GetValueOrDefault(name)) / seconds;
                    if (rate > 0)
                    {
                        result.CounterRates[name] = rate;
                    }
                }
            }
            else
            {
                result.Notes.Add("GET /metrics did not answer: no counter rates");
            }

            // Spectra/s from the gateway's own counter at the window's ends: the summaries received in the window
            // can carry a backlog from before it when the machine stalls (more than offered), the counter cannot.
            var classified = result.CounterRates.Where(c => c.Key.StartsWith("sc_nir_classified_total", StringComparison.Ordinal)).Select(c => c.Value).ToList();
            if (classified.Count == 1)
            {
                result = result with { SpectraPerSecond = classified[0] };
            }

            var bytes = inWindow.Where(r => r.Envelope() is not null).Select(r => (double)System.Text.Encoding.UTF8.GetByteCount(r.Payload)).DefaultIfEmpty(600).Average();
            return new Run(result, broker, subscriber, bytes);
        }
        catch
        {
            if (subscriber is not null)
            {
                await subscriber.DisposeAsync();
            }

            await broker.DisposeAsync();
            throw;
        }
    }

    private static async Task<TimeSpan> WaitForOnlineAsync(GatewayUnderTest gateway, RecordingSubscriber subscriber, TimeSpan within)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < within)
        {
            if (subscriber.Received.Any(r => r.Topic == GatewayUnderTest.TopicRoot + "/state" && r.Payload.Contains("\"online\":true", StringComparison.Ordinal)))
            {
                return clock.Elapsed;
            }

            if (!gateway.IsRunning)
            {
                throw new InvalidOperationException("the gateway exited at start:\n" + gateway.Output);
            }

            await Task.Delay(10);
        }

        throw new TimeoutException($"the gateway published no online state within {within.TotalSeconds:0} s:\n{gateway.Output}");
    }

    private static BenchResult Analyse(LaneLoad load, double seconds, TimeSpan startup, List<Receipt> inWindow, long? seq0, long? seq1,
        CameraCounters? camera0, CameraCounters? camera1,
        List<ProcessUsage> usages, DateTimeOffset laneZero, TimeSpan uncertainty, long bootOffsetUs)
    {
        long spectra = 0, gaps = 0, offered = 0;
        var latencies = new List<double>();
        var stampLatencies = new List<double>();
        var seqs = new HashSet<long>();
        foreach (var receipt in inWindow)
        {
            if (receipt.Envelope() is not { } envelope || !seqs.Add(envelope.Seq))
            {
                continue;
            }

            using var document = JsonDocument.Parse(receipt.Payload);
            var root = document.RootElement;
            var data = root.GetProperty("data");
            stampLatencies.Add((receipt.ReceivedUtc - DateTimeOffset.Parse(root.GetProperty("ts").GetString()!, CultureInfo.InvariantCulture)).TotalMilliseconds);
            switch (envelope.Schema)
            {
                case "sc.event.spectra/1":
                    spectra += data.GetProperty("classified").GetInt64() + data.GetProperty("rejected").GetInt64();
                    gaps += data.GetProperty("sequenceGaps").GetInt64();
                    offered += data.GetProperty("lastSequence").GetInt64() - data.GetProperty("firstSequence").GetInt64() + 1;
                    break;
                case "sc.event.detection/1":
                    // Decision latency: from the instrument's time of the last contaminated spectrum of the run
                    // (on this machine's wall clock through the simulator's lane clock) to receipt here.
                    var lastUs = data.GetProperty("deviceTimeUs").GetInt64() + (long)(data.GetProperty("durationMs").GetDouble() * 1000);
                    var deviceWall = laneZero.AddTicks((lastUs - bootOffsetUs) * 10);
                    latencies.Add((receipt.ReceivedUtc - deviceWall).TotalMilliseconds);
                    break;
            }
        }

        var result = new BenchResult
        {
            Load = load,
            WindowSeconds = seconds,
            StartupSeconds = startup.TotalSeconds,
            SpectraPerSecond = spectra / seconds,
            SpectraInSummariesPerSecond = spectra / seconds,
            SpectraDropped = gaps,
            SpectraOffered = offered,
            FramesPerSecond = camera0 is { } c0 && camera1 is { } c1 ? (c1.FramesSeen - c0.FramesSeen) / seconds : double.NaN,
            FramesDropped = camera0 is { } d0 && camera1 is { } d1 ? d1.Dropped - d0.Dropped : 0,
            FramesLate = camera0 is { } l0 && camera1 is { } l1 ? l1.Late - l0.Late : 0,
            FramesDetectedPerSecond = camera0?.FramesDetected is { } v0 && camera1?.FramesDetected is { } v1 ? (v1 - v0) / seconds : double.NaN,
            FramesSkippedPerSecond = camera0?.FramesSkipped is { } k0 && camera1?.FramesSkipped is { } k1 ? (k1 - k0) / seconds : double.NaN,
            VisualEnabled = camera1?.VisualEnabled,
            VisualMaxFramesPerSecond = camera1?.VisualMaxFramesPerSecond,
            StoredPerSecond = seq0 is { } s0 && seq1 is { } s1 ? (s1 - s0) / seconds : double.NaN,
            PublishedPerSecond = seqs.Count / seconds,
            Detections = latencies.Count,
            LatencyP50Ms = Percentiles.Of(latencies, 50),
            LatencyP95Ms = Percentiles.Of(latencies, 95),
            LatencyP99Ms = Percentiles.Of(latencies, 99),
            LatencyMaxMs = latencies.Count == 0 ? null : latencies.Max(),
            ClockUncertaintyMs = uncertainty.TotalMilliseconds,
            StampToReceiptP50Ms = Percentiles.Of(stampLatencies, 50),
            StampToReceiptP99Ms = Percentiles.Of(stampLatencies, 99),
            Processes = usages,
        };
        if (camera0 is null || camera1 is null)
        {
            result.Notes.Add("camera figures unavailable: GET /api/camera/camera did not answer");
        }
        else if (camera1.VisualEnabled == false)
        {
            result.Notes.Add("the gateway's visual detection is off (Models:VisualModelPath empty or the model missing): no frames detected");
        }

        if (latencies.Count == 0)
        {
            result.Notes.Add("no detection event in the window: no decision latency (raise --seconds or use --scenario contaminated)");
        }

        return result;
    }
}
