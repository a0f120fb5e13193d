using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using SmartCustoms.Simulators.Faults;
using SmartCustoms.Simulators.Hosting;
using SmartCustoms.Simulators.World;

namespace SmartCustoms.Simulators.Cli;

/// <summary>Runs a <see cref="SimulatedLane"/> in the foreground: prints endpoints, a status table, and takes commands on stdin.</summary>
internal static class LaneRunner
{
    public const string ConsoleHelp =
        "Commands on stdin while running:\n" +
        "  fault <device> <kind> <seconds> [offset]\n" +
        "                                    inject a fault; devices nir|camera|sampler|scale|radiation|cabinet|laneio;\n" +
        "                                    kinds disconnect|stall|garbage|slow (all but cabinet, laneio), nan|saturated (nir),\n" +
        "                                    exception|stuck-heartbeat (Modbus devices), frozen|corrupt (camera),\n" +
        "                                    clock-offset (nir, camera; offset s, default +3600), disconnect|bad-crc (cabinet), disconnect (laneio)\n" +
        "  clear                             end injected faults (scheduled ones follow the scenario)\n" +
        "  items [n]                         next n items to pass the camera (truth)\n" +
        "  cuts                              increments the sampler has cut and the items they took\n" +
        "  status                            print the status table now\n" +
        "  quit                              stop (or Ctrl+C)";

    public static async Task<int> RunAsync(SimulatedLaneOptions options, LaneDevices devices, bool verbose, CancellationToken ct)
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
        catch (Exception ex) when (ex is System.Net.Sockets.SocketException or IOException)
        {
            Console.Error.WriteLine($"error: cannot listen on {options.BindAddress}: {ex.Message} (is another simulator running? use port 0 for a free port)");
            return 3;
        }
        catch (InvalidDataException ex)
        {
            Console.Error.WriteLine("error: " + ex.Message);
            return 2;
        }

        await using (lane)
        {
            PrintHeader(lane, devices);
            Console.WriteLine(ConsoleHelp);
            var input = Task.Run(() => ReadCommandsAsync(lane, stop), CancellationToken.None);
            await StatusLoopAsync(lane, stop.Token);
            await stop.CancelAsync();
        }

        Console.WriteLine();
        Console.WriteLine("scsim: stopped.");
        return 0;
    }

    private static void PrintHeader(SimulatedLane lane, LaneDevices devices)
    {
        var w = lane.World;
        Console.WriteLine($"scsim: scenario '{w.Scenario.Name}' - {w.Scenario.Description}");
        Console.WriteLine($"  seed {w.Seed}; brand on belt {w.Scenario.ActualBrand.Name}; declared {w.Scenario.DeclaredBrand.Name}; lot {w.Lots[0].LotId}");
        Console.WriteLine(Invariant($"  belt {w.Belt.WidthM:F1} m wide, {w.Belt.NominalSpeedMps:F1} m/s, {w.Belt.NominalFlowTph:F0} t/h; camera {w.Devices.CameraM:F1} m, NIR {w.Devices.NirM:F1} m, radiation {w.Devices.RadiationM:F1} m, sampler {w.Devices.SamplerM:F1} m"));
        bool all = devices == LaneDevices.All;
        if (lane.Nir.Instrument.Replay is { } replay)
        {
            Console.WriteLine($"  the NIR replays {replay.Count} spectra from {replay.Path} (in turn, looping) instead of looking at the belt");
        }

        if (!string.IsNullOrWhiteSpace(lane.Options.CameraReplayFile))
        {
            Console.WriteLine($"  the camera replays {lane.Options.CameraReplayFile} (looping) instead of rendering the belt");
        }

        if (all || devices == LaneDevices.Nir)
        {
            Console.WriteLine($"  NIR spectrometer   SCPI/TCP    {lane.NirEndpoint}   try: printf '*IDN?\\n' | nc -q1 {lane.NirEndpoint.Address} {lane.NirEndpoint.Port}");
        }

        if (lane.CameraEndpoint is { } cam)
        {
            Console.WriteLine($"  camera             MJPEG/HTTP  http://{cam}/stream.mjpg   http://{cam}/snapshot.jpg");
        }

        foreach (var (name, ep, count) in new[] { ("sampler PLC", lane.SamplerEndpoint, 11), ("belt scale", lane.ScaleEndpoint, 7), ("radiation monitor", lane.RadiationEndpoint, 6) })
        {
            if (ep is not null)
            {
                Console.WriteLine($"  {name,-18} Modbus/TCP  {ep} unit {lane.Options.ModbusUnitId}   try: mbpoll -m tcp -p {ep.Port} -a {lane.Options.ModbusUnitId} -t 3 -r 1 -c {count} -1 {ep.Address}");
            }
        }

        if (lane.ControlEndpoint is { } control)
        {
            Console.WriteLine($"  control + truth    HTTP/JSON   http://{control}/truth   (POST /faults, POST /scenario, GET /status)");
        }
    }

    private static async Task StatusLoopAsync(SimulatedLane lane, CancellationToken ct)
    {
        var period = TimeSpan.FromSeconds(5);
        var last = new Dictionary<string, long>();
        using var timer = new PeriodicTimer(period);
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                PrintStatus(lane, last, period.TotalSeconds);
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }
    }

    private static void PrintStatus(SimulatedLane lane, Dictionary<string, long>? last, double periodS)
    {
        var s = lane.Status();
        var lines = new List<string>
        {
            Invariant($"--- t={s.LaneTimeS:F1}s scenario={s.Scenario} belt={s.BeltSpeedMps:F2} m/s flow={s.FlowTph:F0} t/h items past camera={s.ItemsPastCamera}")
                + (s.SamplerState is { } st ? Invariant($" sampler={st} cuts={s.IncrementsCut}") : string.Empty)
                + (s.DoseRateNSvH is { } dose ? Invariant($" dose={dose:F0} nSv/h") : string.Empty),
            Invariant($"    {"device",-10} {"protocol",-11} {"endpoint",-22} {"state",-5} {"clients",7} {"served/s",9}  faults"),
        };
        foreach (var d in s.Devices)
        {
            double rate = 0;
            if (last is not null)
            {
                rate = last.TryGetValue(d.Device, out long before) ? (d.Served - before) / periodS : 0;
                last[d.Device] = d.Served;
            }

            lines.Add(Invariant($"    {d.Device,-10} {d.Protocol,-11} {d.Endpoint,-22} {(d.Listening ? "up" : "DOWN"),-5} {d.Clients,7} {rate,9:F0}  {(d.Faults.Count == 0 ? "-" : string.Join(' ', d.Faults))}"));
        }

        Console.WriteLine(string.Join(Environment.NewLine, lines));
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
                    foreach (string d in lane.FaultableDevices)
                    {
                        lane.Faults(d).Clear();
                    }

                    Console.WriteLine("faults cleared");
                    break;
                case "fault" when parts.Length is 4 or 5:
                    Fault(lane, parts[1], parts[2], parts[3], parts.Length == 5 ? parts[4] : null);
                    break;
                case "items":
                    PrintUpcomingItems(lane, parts.Length > 1 && int.TryParse(parts[1], CultureInfo.InvariantCulture, out int k) ? k : 10);
                    break;
                case "cuts":
                    PrintCuts(lane);
                    break;
                case "status":
                    PrintStatus(lane, null, 1);
                    break;
                default:
                    Console.WriteLine(ConsoleHelp);
                    break;
            }
        }
    }

    private static void Fault(SimulatedLane lane, string device, string kindText, string secondsText, string? offsetText)
    {
        if (!lane.FaultableDevices.Contains(device, StringComparer.OrdinalIgnoreCase))
        {
            Console.WriteLine($"no device '{device}' here; running: {string.Join(", ", lane.FaultableDevices)}");
            return;
        }

        var applicable = DeviceFaultKinds.ApplicableTo(device);
        if (!DeviceFaultKinds.TryParse(kindText, out var kind) || !applicable.Contains(kind))
        {
            Console.WriteLine($"kind for {device}: {string.Join(" | ", applicable.Select(DeviceFaultKinds.WireName))}");
            return;
        }

        if (!double.TryParse(secondsText, NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds) || seconds < 0)
        {
            Console.WriteLine("seconds must be a number >= 0 (0 ends the fault)");
            return;
        }

        if (kind == DeviceFaultKind.ClockOffset)
        {
            double offset = DeviceFaultKinds.DefaultClockOffset.TotalSeconds;
            if (offsetText is not null
                && (!double.TryParse(offsetText, NumberStyles.Float, CultureInfo.InvariantCulture, out offset) || Math.Abs(offset) > DeviceFaultKinds.MaxClockOffset.TotalSeconds))
            {
                Console.WriteLine(Invariant($"offset must be seconds within ±{DeviceFaultKinds.MaxClockOffset.TotalSeconds:F0} (default +3600)"));
                return;
            }

            lane.Faults(device).InjectClockOffset(TimeSpan.FromSeconds(offset), TimeSpan.FromSeconds(seconds));
            Console.WriteLine(Invariant($"{device}: clock-offset {offset:+0.###;-0.###} s for {seconds:F0} s"));
            return;
        }

        if (offsetText is not null)
        {
            Console.WriteLine("an offset applies only to clock-offset");
            return;
        }

        lane.Faults(device).Inject(kind, TimeSpan.FromSeconds(seconds));
        Console.WriteLine(Invariant($"{device}: {DeviceFaultKinds.WireName(kind)} for {seconds:F0} s"));
    }

    private static void PrintUpcomingItems(SimulatedLane lane, int n)
    {
        var w = lane.World;
        double t = lane.Clock.ElapsedSeconds;
        double s = w.BeltTravelAt(t) - w.Devices.CameraM;
        foreach (var item in w.ItemsBetween(Math.Max(0, s), Math.Max(0, s) + 5000).Take(n))
        {
            var truth = w.Truth(item);
            Console.WriteLine(Invariant(
                $"  {item.Id} {ContaminantMaterials.WireName(item.Material),-12} {item.Colour,-7} {item.SizeM * 100,5:F1} cm, {item.AcrossOffsetM,5:F2} m off centre, {(item.Exposed ? "exposed" : "buried "),-7}, {(truth.CrossesNirFootprint ? "in NIR spot" : "misses NIR spot")}, at camera in {(truth.AtCameraS ?? double.NaN) - t,6:F1} s, at sampler in {(truth.AtSamplerS ?? double.NaN) - t,6:F1} s"));
        }
    }

    private static void PrintCuts(SimulatedLane lane)
    {
        var truth = lane.Truth();
        if (truth.Increments.Count == 0)
        {
            Console.WriteLine("no increments cut yet");
        }

        foreach (var i in truth.Increments)
        {
            Console.WriteLine(Invariant($"  #{i.Number} id {i.IncrementId} at {i.InStreamFromS:F2}-{i.InStreamToS:F2} s, {i.MassKg:F1} kg, belt {i.BeltFromM:F2}-{i.BeltToM:F2} m, items: {(i.InterceptedItemIds.Count == 0 ? "none" : string.Join(' ', i.InterceptedItemIds))}"));
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
