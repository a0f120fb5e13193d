using SmartCustoms.Perf;
using SmartCustoms.Perf.Bench;
using SmartCustoms.Perf.Components;
using SmartCustoms.Perf.Processes;
using SmartCustoms.Perf.Soak;

const string Usage = """
    SmartCustoms.Perf — end-to-end benchmark, fault soak and component benchmarks of the gateway.
    Needs Release builds of the gateway and scsim (perf/run-*.sh build them) and /usr/sbin/mosquitto.

    perf bench [--seconds 60] [--warmup 10] [--belt-speed 5] [--line-rate 500] [--fps 25] [--seed 1]
               [--scenario contaminated] [--items-per-km N] [--bare-seconds 10] [--no-bare] [--json FILE]
               [--find-knee [--max-p99-ms 100] [--max-drop-pct 1] [--nir-only]] [--spectral-ceiling [--max-drop-pct 1]]
               [--nir-test-source]
               [--gateway-dll PATH] [--scsim-dll PATH] [--mosquitto PATH] [--gateway-arg --Key=value ...]
        mosquitto, `scsim lane` and the gateway as three processes; prints rates, decision latency, drops,
        CPU and peak RSS per process, start-up time, and the bare limits (inference alone, a bare MQTTnet
        publisher to the same broker). --find-knee raises belt speed, NIR line rate and camera fps together
        until a limit breaks and reports the highest load within the limits (--nir-only: only the NIR line
        rate rises, camera and belt stay, frame limits are not checked). --spectral-ceiling: the spectral path's
        own limit against the bare spectral inference rate: the NIR is the simulator's throughput test source
        (banked clean spectra at 1,000 µs, any line rate), camera off, the line rate rises in fractions of the
        bare rate measured first until the gateway drops spectra or consumes < 90 %; bare again at the end.
        --nir-test-source: a single run (or --find-knee --nir-only) with that test source instead of the
        instrument (--line-rate up to 200000, camera off, visual model unset).

    perf soak [--minutes 10 | --seconds N] [--seed 7] [--json FILE] [--gateway-dll PATH] [--scsim-dll PATH] [--mosquitto PATH]
        the `faults` scenario plus injected device faults, mosquitto restarts and gateway SIGKILLs at random
        (seeded) moments; then compares every stored event with a persistent subscriber and with the
        simulator's truth: lost / duplicated / out of order per priority, device recoveries, memory growth.
        Exit code 0 when nothing was lost or reordered and every device recovered, 1 otherwise.

    perf components [BenchmarkDotNet arguments, e.g. --filter '*' --job short]
        BenchmarkDotNet component benchmarks (SCPI burst parse, Modbus round trip, MJPEG read + decode,
        spectral preprocessing and inference, store commit, MQTT publish).
    """;

if (args.Length == 0 || args[0] is "help" || (args[0] != "components" && args.Any(a => a is "--help" or "-h")))
{
    Console.WriteLine(Usage);
    return 0;
}

try
{
    var line = new PerfArguments(args);
    switch (args[0])
    {
        case "bench":
        {
            var options = new BenchOptions
            {
                Seconds = line.Number("--seconds", line.Flag("--find-knee") || line.Flag("--spectral-ceiling") ? 20 : 60, 5, 86_400),
                WarmupSeconds = line.Number("--warmup", 10, 0, 3600),
                Load = new LaneLoad(line.Number("--belt-speed", 5, 0.5, 12), line.Number("--line-rate", 500, 1, line.Flag("--nir-test-source") ? 200_000 : 10_000), line.Number("--fps", 25, 1, 60))
                {
                    NirTestSource = line.Flag("--nir-test-source"),
                },
                Seed = (int)line.Number("--seed", 1, 0, int.MaxValue),
                Scenario = line.Text("--scenario") ?? "contaminated",
                FindKnee = line.Flag("--find-knee"),
                KneeNirOnly = line.Flag("--nir-only"),
                SpectralCeiling = line.Flag("--spectral-ceiling"),
                ItemsPerKm = line.Text("--items-per-km") is null ? null : line.Number("--items-per-km", 100, 0, 10_000),
                MaxP99Ms = line.Number("--max-p99-ms", 100, 1, 60_000),
                MaxDropPercent = line.Number("--max-drop-pct", 1, 0, 100),
                BareSeconds = line.Number("--bare-seconds", 10, 1, 3600),
                SkipBare = line.Flag("--no-bare"),
                JsonPath = line.Text("--json"),
            };
            options.GatewayDll = line.Text("--gateway-dll") ?? options.GatewayDll;
            options.ScsimDll = line.Text("--scsim-dll") ?? options.ScsimDll;
            options.Mosquitto = line.Text("--mosquitto") ?? options.Mosquitto;
            options.GatewayArgs.AddRange(line.All("--gateway-arg"));
            line.RejectUnknown(1);
            return await BenchCommand.RunAsync(options, Console.Out);
        }

        case "soak":
        {
            var options = new SoakOptions
            {
                Duration = line.Text("--seconds") is not null
                    ? TimeSpan.FromSeconds(line.Number("--seconds", 600, 30, 7 * 86_400))
                    : TimeSpan.FromMinutes(line.Number("--minutes", 10, 0.5, 7 * 1440)),
                Seed = (int)line.Number("--seed", 7, 0, int.MaxValue),
                JsonPath = line.Text("--json"),
            };
            options.GatewayDll = line.Text("--gateway-dll") ?? options.GatewayDll;
            options.ScsimDll = line.Text("--scsim-dll") ?? options.ScsimDll;
            options.Mosquitto = line.Text("--mosquitto") ?? options.Mosquitto;
            line.RejectUnknown(1);
            return await SoakCommand.RunAsync(options, Console.Out);
        }

        case "components":
            return ComponentBenchmarks.Run(args[1..]);

        default:
            Console.Error.WriteLine($"unknown command '{args[0]}'\n\n{Usage}");
            return 2;
    }
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine("error: " + ex.Message);
    return 2;
}
catch (FileNotFoundException ex)
{
    Console.Error.WriteLine("error: " + ex.Message);
    return 3;
}
catch (Exception ex) when (ex is InvalidOperationException or TimeoutException or IOException or HttpRequestException)
{
    // A process under test failed (the gateway would not start, a simulator died): say which and what it printed.
    Console.Error.WriteLine("error: " + ex.Message);
    return 4;
}
