using System.Globalization;

namespace SmartCustoms.Perf.Soak;

/// <summary>The soak's verdict and its table. Pure.</summary>
internal sealed class SoakReport(
    SoakOptions options,
    IReadOnlyDictionary<SoakActionKind, int> done,
    DeliveryCheck delivery,
    IReadOnlyList<DeviceRecovery> devices,
    (double FirstMb, double LastMb, double Minutes) memory,
    long gatewayPeakRssBytes,
    long? mosquittoPeakRssBytes,
    SoakTruth truth,
    TimeSpan settledIn)
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    /// <summary>Nothing lost, altered, mismatched or reordered within a priority, no store gap, every device that went down came back up, and every network device was seen.</summary>
    public bool Passed =>
        delivery.Lost.Count == 0 && delivery.AlteredDuplicates == 0 && delivery.Mismatches == 0 && delivery.OutOfOrder == 0
        && delivery.StoreGaps.Count == 0 && devices.All(d => d.Recovered) && SoakPlan.Devices.All(d => devices.Any(r => r.Device == d));

    public string ToTable()
    {
        var w = new StringWriter(C);
        w.WriteLine($"Soak {options.Duration.TotalMinutes:0.#} min, seed {options.Seed}: {Count(SoakActionKind.GatewayKill)} gateway SIGKILLs, {Count(SoakActionKind.BrokerRestart)} mosquitto restarts, " +
                    $"{Count(SoakActionKind.DeviceFault)} injected device disconnects on top of the `faults` scenario; settled in {settledIn.TotalSeconds:0} s after the lane switched to `clean`.");
        w.WriteLine();
        w.WriteLine("| delivery (stored vs persistent subscriber) | count |");
        w.WriteLine("|---|---|");
        w.WriteLine($"| events stored | {delivery.Stored} |");
        w.WriteLine($"| received with a seq (distinct ids) | {delivery.ReceivedWithSeq} ({delivery.Distinct}) |");
        w.WriteLine($"| lost (stored, never received) | {delivery.Lost.Count} |");
        w.WriteLine($"| duplicated (re-sends of the same id) / altered | {delivery.Duplicates} / {delivery.AlteredDuplicates} |");
        w.WriteLine($"| mismatched (received ≠ stored) | {delivery.Mismatches} |");
        w.WriteLine($"| out of order within priority 0 / 1 / 2 | {delivery.OutOfOrderByPriority[0]} / {delivery.OutOfOrderByPriority[1]} / {delivery.OutOfOrderByPriority[2]} |");
        w.WriteLine($"| gaps in the store's seq | {delivery.StoreGaps.Count} |");
        w.WriteLine();
        w.WriteLine("| device | went down | came back up | longest down | at the end | recovered |");
        w.WriteLine("|---|---|---|---|---|---|");
        foreach (var d in devices)
        {
            w.WriteLine($"| {d.Device} | {d.Downs} | {d.Recoveries} | {d.LongestDownSeconds:0.0} s | {d.FinalState} | {(d.Recovered ? "yes" : "NO")} |");
        }

        w.WriteLine();
        w.WriteLine("| truth (simulator) vs stored | count |");
        w.WriteLine("|---|---|");
        w.WriteLine($"| contaminant items past the NIR (exposed in its footprint) | {truth.ItemsPassedNir} ({truth.ItemsVisibleToNir}) |");
        w.WriteLine($"| spectral detection events stored | {truth.Detections} |");
        w.WriteLine($"| sampler cuts / with a stored increment event | {truth.SamplerCuts} / {truth.CutsStored} |");
        w.WriteLine();
        w.WriteLine($"| memory | value |");
        w.WriteLine("|---|---|");
        w.WriteLine($"| gateway RSS, longest-lived process: settled → end ({memory.Minutes:0.0} min) | {memory.FirstMb:0} → {memory.LastMb:0} MB ({(memory.LastMb - memory.FirstMb) / Math.Max(memory.Minutes, 0.1):+0.0;-0.0} MB/min) |");
        w.WriteLine($"| gateway peak RSS (any process) | {gatewayPeakRssBytes / 1048576.0:0} MB |");
        w.WriteLine($"| mosquitto peak RSS (last process) | {(mosquittoPeakRssBytes is { } m ? (m / 1048576.0).ToString("0", C) + " MB" : "–")} |");
        foreach (var example in delivery.Examples)
        {
            w.WriteLine("problem: " + example);
        }

        w.WriteLine(Passed ? "\nSOAK PASSED: nothing lost, nothing out of order per priority, every device recovered." : "\nSOAK FAILED: see above.");
        return w.ToString();
    }

    public object ToJson() => new
    {
        durationSeconds = options.Duration.TotalSeconds,
        seed = options.Seed,
        gatewayKills = Count(SoakActionKind.GatewayKill),
        brokerRestarts = Count(SoakActionKind.BrokerRestart),
        deviceFaults = Count(SoakActionKind.DeviceFault),
        stored = delivery.Stored,
        received = delivery.ReceivedWithSeq,
        lost = delivery.Lost.Count,
        lostSeqs = delivery.Lost.Take(50),
        duplicates = delivery.Duplicates,
        alteredDuplicates = delivery.AlteredDuplicates,
        mismatches = delivery.Mismatches,
        outOfOrderByPriority = delivery.OutOfOrderByPriority.ToDictionary(p => p.Key.ToString(C), p => p.Value),
        storeGaps = delivery.StoreGaps.Count,
        devices = devices.Select(d => new { device = d.Device, downs = d.Downs, recoveries = d.Recoveries, longestDownSeconds = d.LongestDownSeconds, finalState = d.FinalState, recovered = d.Recovered }),
        truth,
        memory = new { settledMb = memory.FirstMb, endMb = memory.LastMb, minutes = memory.Minutes, gatewayPeakMb = gatewayPeakRssBytes / 1048576.0 },
        problems = delivery.Examples,
        passed = Passed,
    };

    private int Count(SoakActionKind kind) => done.GetValueOrDefault(kind);
}
