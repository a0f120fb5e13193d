using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using SmartCustoms.Simulators.Faults;
using SmartCustoms.Simulators.Hosting;
using SmartCustoms.Simulators.World;

namespace SmartCustoms.Simulators.Cli;

/// <summary>Runs a <see cref="SimulatedLane"/> in the foreground: prints endpoints, a status line, and takes fault commands on stdin.</summary>
internal static class LaneRunner
{
    public const string ConsoleHelp =
        "Commands on stdin while running:\n" +
        "  fault nir <disconnect|stall|garbage|slow|nan|saturated> <seconds>   inject a fault\n" +
        "  clear                                                               end injected faults\n" +
        "  items [n]                                                           next n items to pass the NIR (truth)\n" +
        "  quit                                                                stop (or Ctrl+C)";

    public static async Task<int> RunAsync(SimulatedLaneOptions options, bool verbose, CancellationToken ct)
    {
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            foreach (string p in problems)
            {
                Console.Error.WriteLine("error: " + p);
            }

            return 2;
        }

        using var loggerFactory = LoggerFactory.Create(b => b
            .AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss "; })
            .SetMinimumLevel(verbose ? LogLevel.Information : LogLevel.Warning));
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);

        // Ctrl+C and `kill` (SIGTERM, e.g. from systemd) stop the lane cleanly: sockets closed, loops ended.
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; stop.Cancel(); });
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; stop.Cancel(); });
        SimulatedLane lane;
        try
        {
            lane = await SimulatedLane.StartAsync(options, loggerFactory, stop.Token);
        }
        catch (System.Net.Sockets.SocketException ex)
        {
            Console.Error.WriteLine($"error: cannot listen on {options.BindAddress}:{options.NirPort}: {ex.Message} (is another simulator running? use --nir-port 0 for a free port)");
            return 3;
        }

        await using (lane)
        {
            var w = lane.World;
            Console.WriteLine($"scsim lane: scenario '{w.Scenario.Name}' - {w.Scenario.Description}");
            Console.WriteLine($"  seed {w.Seed}; brand on belt {w.Scenario.ActualBrand.Name}; declared {w.Scenario.DeclaredBrand.Name}; lot {w.Lots[0].LotId}");
            Console.WriteLine(Invariant($"  belt {w.Belt.WidthM:F1} m wide, {w.Belt.NominalSpeedMps:F1} m/s, {w.Belt.NominalFlowTph:F0} t/h; camera {w.Devices.CameraM:F1} m, NIR {w.Devices.NirM:F1} m, sampler {w.Devices.SamplerM:F1} m"));
            Console.WriteLine($"  NIR spectrometer (SCPI/TCP): {lane.NirEndpoint}   try: printf '*IDN?\\n' | nc -q1 {lane.NirEndpoint.Address} {lane.NirEndpoint.Port}");
            Console.WriteLine("  camera, sampler, belt scale, radiation monitor, control API: not simulated yet");
            Console.WriteLine(ConsoleHelp);
            var input = Task.Run(() => ReadCommandsAsync(lane, stop), CancellationToken.None);
            await StatusLoopAsync(lane, stop.Token);
            await stop.CancelAsync();
        }

        Console.WriteLine();
        Console.WriteLine("scsim: stopped.");
        return 0;
    }

    private static async Task StatusLoopAsync(SimulatedLane lane, CancellationToken ct)
    {
        bool overwrite = !Console.IsOutputRedirected;
        long lastSpectra = 0;
        var period = TimeSpan.FromSeconds(overwrite ? 1 : 5);
        using var timer = new PeriodicTimer(period);
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                double t = lane.Clock.ElapsedSeconds;
                var w = lane.World;
                long spectra = lane.Nir.SpectraServed;
                double rate = (spectra - lastSpectra) / period.TotalSeconds;
                lastSpectra = spectra;
                double nirS = w.BeltTravelAt(t) - w.Devices.NirM;
                int itemsPassed = nirS <= 0 ? 0 : w.ItemsBetween(0, nirS).Count;
                var faults = lane.Nir.Instrument.Faults.Snapshot();
                string faultText = faults.Count == 0 ? "none" : string.Join(' ', faults.Select(f => Invariant($"{f.Kind}({f.Remaining.TotalSeconds:F0}s)")));
                string line = Invariant(
                    $"t={t,7:F1}s belt={w.Profile.SpeedAt(t):F2}m/s flow={w.FlowAt(t),5:F0}t/h items@NIR={itemsPassed,4} nir: {(lane.Nir.IsListening ? "up" : "DOWN")} clients={lane.Nir.ConnectionCount} spectra/s={rate,5:F0} errors={lane.Nir.CommandErrors} faults={faultText}");
                if (overwrite)
                {
                    Console.Write("\r" + line + "    ");
                }
                else
                {
                    Console.WriteLine(line);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }
    }

    private static async Task ReadCommandsAsync(SimulatedLane lane, CancellationTokenSource stop)
    {
        while (!stop.IsCancellationRequested)
        {
            string? line;
            try
            {
                line = await Console.In.ReadLineAsync(stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            if (line is null)
            {
                // No console input (running as a service or with stdin closed): keep running until Ctrl+C.
                return;
            }

            string[] parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (parts.Length == 0)
            {
                continue;
            }

            switch (parts[0].ToLowerInvariant())
            {
                case "quit" or "exit":
                    await stop.CancelAsync();
                    return;
                case "clear":
                    lane.Nir.Instrument.Faults.Clear();
                    Console.WriteLine("\nfaults cleared");
                    break;
                case "fault" when parts.Length == 4:
                    if (!DeviceFaultKinds.TryParse(parts[2], out var kind) || !double.TryParse(parts[3], NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds) || seconds < 0)
                    {
                        Console.WriteLine("\nusage: fault nir <disconnect|stall|garbage|slow|nan|saturated> <seconds>");
                        break;
                    }

                    try
                    {
                        lane.Faults(parts[1]).Inject(kind, TimeSpan.FromSeconds(seconds));
                        Console.WriteLine(Invariant($"\n{parts[1]}: {kind} for {seconds:F0} s"));
                    }
                    catch (ArgumentException ex)
                    {
                        Console.WriteLine("\n" + ex.Message);
                    }

                    break;
                case "items":
                    int n = parts.Length > 1 && int.TryParse(parts[1], CultureInfo.InvariantCulture, out int k) ? k : 10;
                    PrintUpcomingItems(lane, n);
                    break;
                default:
                    Console.WriteLine("\n" + ConsoleHelp);
                    break;
            }
        }
    }

    private static void PrintUpcomingItems(SimulatedLane lane, int n)
    {
        var w = lane.World;
        double t = lane.Clock.ElapsedSeconds;
        double s = w.BeltTravelAt(t) - w.Devices.NirM;
        var items = w.ItemsBetween(Math.Max(0, s), Math.Max(0, s) + 5000).Take(n);
        Console.WriteLine();
        foreach (var item in items)
        {
            var truth = w.Truth(item);
            Console.WriteLine(Invariant(
                $"  {item.Id} {ContaminantMaterials.WireName(item.Material),-12} {item.Colour,-7} {item.SizeM * 100,5:F1} cm, {item.AcrossOffsetM,5:F2} m off centre, {(item.Exposed ? "exposed" : "buried ")}, {(truth.CrossesNirFootprint ? "in NIR spot" : "misses NIR spot")}, at NIR in {(truth.AtNirS ?? double.NaN) - t,6:F1} s"));
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
