using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using SmartCustoms.Perf.Mqtt;
using SmartCustoms.Perf.Processes;
using SmartCustoms.Perf.Reporting;

namespace SmartCustoms.Perf.Soak;

/// <summary>
/// <c>perf soak</c>: mosquitto, <c>scsim lane --scenario faults</c> and the gateway as processes; device faults,
/// broker restarts and gateway SIGKILLs per <see cref="SoakPlan"/>; then the lane is switched to <c>clean</c>
/// (devices reboot, scheduled faults end), every device must come back up and every stored event must reach
/// the persistent subscriber.
/// </summary>
internal static class SoakCommand
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    public static async Task<int> RunAsync(SoakOptions options, TextWriter output)
    {
        output.WriteLine("perf soak on " + MachineInfo.Describe());
        output.WriteLine(string.Create(C, $"{options.Duration.TotalMinutes:0.#} min, seed {options.Seed}; load average {MachineInfo.LoadAverage()}"));
        var plan = SoakPlan.Create(options.Duration, options.Seed);
        await using var broker = await MosquittoBroker.StartAsync(options.Mosquitto);
        await using var lane = await LaneSimulator.StartAsync(options.ScsimDll, "faults", options.Seed, LaneLoad.Contract);
        JsonElement positions;
        using (var truth0 = await lane.TruthAsync())
        {
            positions = truth0.RootElement.GetProperty("devicePositionsM").Clone();
        }

        await using var subscriber = await RecordingSubscriber.StartAsync(broker.Port, GatewayUnderTest.TopicRoot + "/#");
        await using var gateway = GatewayUnderTest.Create(options.GatewayDll, broker, lane, positions, ["--Acquisition:Nir:SummaryInterval=00:00:02"]);
        var memory = new List<(int Start, TimeSpan At, long Rss)>();
        long peakGateway = 0;
        var incarnation = Stopwatch.StartNew();

        async Task StartGatewayAsync()
        {
            gateway.Start();
            incarnation.Restart();
            // The lot lives in the store; a second start-lot after a restart is refused, which is fine.
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed < TimeSpan.FromSeconds(60) && await gateway.LastSeqAsync() is null)
            {
                if (!gateway.IsRunning)
                {
                    throw new InvalidOperationException("the gateway exited at start:\n" + gateway.Output);
                }

                await Task.Delay(100);
            }

            await gateway.CommandAsync("start-lot",
                """{"lotId":"SOAK-1","declarationNumber":"D-SOAK-1","vessel":"MV Soak","declaredBrand":"PB fines","declaredMassTonnes":100000,"hsCode":"2601.11"}""");
        }

        void SampleMemory()
        {
            if (gateway.Pid is { } pid && ProcStat.RssBytes(pid) is { } rss)
            {
                memory.Add((gateway.Starts, incarnation.Elapsed, rss));
                peakGateway = Math.Max(peakGateway, ProcStat.PeakRssBytes(pid) ?? 0);
            }
        }

        await StartGatewayAsync();
        var run = Stopwatch.StartNew();
        var next = 0;
        var done = new Dictionary<SoakActionKind, int>();
        // Every planned disturbance happens even when a slow machine stretches the run past its duration.
        while (run.Elapsed < options.Duration || next < plan.Count)
        {
            if (next < plan.Count && run.Elapsed >= plan[next].At)
            {
                var action = plan[next++];
                output.WriteLine(string.Create(C, $"  {run.Elapsed.TotalSeconds,6:0.0} s  {action.Kind} {action.Device} ({action.Length.TotalSeconds:0.0} s)"));
                switch (action.Kind)
                {
                    case SoakActionKind.DeviceFault:
                        await lane.InjectFaultAsync(action.Device, "disconnect", action.Length.TotalSeconds);
                        break;
                    case SoakActionKind.BrokerRestart:
                        await broker.RestartAsync(action.Length);
                        break;
                    case SoakActionKind.GatewayKill:
                        SampleMemory();
                        await gateway.KillAsync();
                        await Task.Delay(action.Length);
                        await StartGatewayAsync();
                        break;
                }

                done[action.Kind] = done.GetValueOrDefault(action.Kind) + 1;
                continue;
            }

            if (!gateway.IsRunning)
            {
                throw new InvalidOperationException("the gateway exited by itself during the soak:\n" + gateway.Output);
            }

            SampleMemory();
            await Task.Delay(500);
        }

        // Settle: read the truth of the faults run, then reboot the lane into 'clean' so scheduled faults end.
        output.WriteLine(string.Create(C, $"  {run.Elapsed.TotalSeconds,6:0.0} s  end of disturbances: lane switched to 'clean', waiting for every device up and every event delivered"));
        using var truth = await lane.TruthAsync();
        await lane.SwitchScenarioAsync("clean");
        var settle = Stopwatch.StartNew();
        List<StoredEvent> stored;
        List<DeviceRecovery> devices;
        while (true)
        {
            SampleMemory();
            stored = await gateway.ReadAllEventsAsync();
            devices = DeviceRecovery.From(stored);
            if ((devices.Count >= SoakPlan.Devices.Length && devices.All(d => d.FinalState == "up")) || settle.Elapsed > TimeSpan.FromSeconds(120))
            {
                break;
            }

            await Task.Delay(1000);
        }

        var settledIn = settle.Elapsed;
        var lastSeq = stored.Count == 0 ? 0 : stored[^1].Seq;
        while (settle.Elapsed < settledIn + TimeSpan.FromSeconds(120))
        {
            var seqs = subscriber.Received.Select(r => r.Envelope()?.Seq).Where(s => s is not null).Select(s => s!.Value).ToHashSet();
            if (stored.All(s => seqs.Contains(s.Seq)))
            {
                break;
            }

            await Task.Delay(500);
        }

        SampleMemory();
        var mosquittoPeak = broker.Pid is { } mp ? ProcStat.PeakRssBytes(mp) : null;
        await gateway.StopAsync();

        var delivery = DeliveryCheck.Compare(stored, subscriber.Received);
        var report = new SoakReport(options, done, delivery, devices, Memory(memory), peakGateway, mosquittoPeak, Truth(truth.RootElement, stored), settledIn);
        output.WriteLine();
        output.WriteLine(report.ToTable());
        if (options.JsonPath is { } path)
        {
            await File.WriteAllTextAsync(path, JsonSerializer.Serialize(report.ToJson(), Json));
        }

        return report.Passed ? 0 : 1;
    }

    /// <summary>RSS growth of the longest-lived gateway process: first sample ≥ 20 s after its start to its last sample.</summary>
    private static (double FirstMb, double LastMb, double Minutes) Memory(List<(int Start, TimeSpan At, long Rss)> samples)
    {
        var longest = samples.GroupBy(s => s.Start).OrderByDescending(g => g.Max(s => s.At)).FirstOrDefault();
        if (longest is null)
        {
            return (double.NaN, double.NaN, 0);
        }

        var settled = longest.Where(s => s.At >= TimeSpan.FromSeconds(20)).ToList();
        var list = settled.Count >= 2 ? settled : [.. longest];
        return (list[0].Rss / 1048576.0, list[^1].Rss / 1048576.0, (list[^1].At - list[0].At).TotalMinutes);
    }

    /// <summary>What the simulator says happened against what the gateway stored.</summary>
    private static SoakTruth Truth(JsonElement truth, List<StoredEvent> stored)
    {
        var items = truth.GetProperty("items").EnumerateArray().ToList();
        var passedNir = items.Count(i => i.GetProperty("nir").GetProperty("passed").GetBoolean());
        var seenByNir = items.Count(i => i.GetProperty("nir").GetProperty("passed").GetBoolean() && i.GetProperty("exposed").GetBoolean() && i.GetProperty("inNirFootprint").GetBoolean());
        var cuts = truth.GetProperty("increments").EnumerateArray().Select(i => i.GetProperty("incrementId").ToString()).ToList();
        var storedIncrementIds = new HashSet<string>(StringComparer.Ordinal);
        var detections = 0;
        foreach (var e in stored)
        {
            if (e.Schema == "sc.event.detection/1")
            {
                detections++;
            }
            else if (e.Schema == "sc.event.increment/1")
            {
                using var document = JsonDocument.Parse(e.Json);
                storedIncrementIds.Add(document.RootElement.GetProperty("data").GetProperty("id").ToString());
            }
        }

        return new SoakTruth(passedNir, seenByNir, detections, cuts.Count, cuts.Count(storedIncrementIds.Contains));
    }
}
