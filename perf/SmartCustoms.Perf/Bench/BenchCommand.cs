using System.Globalization;
using System.Text.Json;
using SmartCustoms.Perf.Bare;
using SmartCustoms.Perf.Processes;
using SmartCustoms.Perf.Reporting;

namespace SmartCustoms.Perf.Bench;

/// <summary><c>perf bench</c>: one run at a load with the bare limits, or <c>--find-knee</c>: raise the load until the limits break.</summary>
internal static class BenchCommand
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };

    public static async Task<int> RunAsync(BenchOptions options, TextWriter output)
    {
        output.WriteLine("perf bench on " + MachineInfo.Describe());
        output.WriteLine("load average before: " + MachineInfo.LoadAverage() + " (other processes share these cores: CPU and rates are lower bounds)");
        if (options.SpectralCeiling)
        {
            return await SpectralCeilingCommand.RunAsync(options, output);
        }

        return options.FindKnee ? await KneeAsync(options, output) : await SingleAsync(options, output);
    }

    private static async Task<int> SingleAsync(BenchOptions options, TextWriter output)
    {
        var run = await BenchRunner.RunAsync(options, options.Load, output);
        BareResult? publisher = null;
        BareResult? inference = null;
        BareResult? visual = null;
        await using (run.Broker)
        await using (run.Subscriber)
        {
            if (!options.SkipBare)
            {
                output.WriteLine("  bare MQTTnet publisher to the same broker …");
                publisher = await BarePublisher.RunAsync(run.Broker.Port, GatewayUnderTest.TopicRoot, (int)run.MeanEnvelopeBytes, options.BareSeconds);
            }
        }

        if (!options.SkipBare)
        {
            output.WriteLine("  bare inference on the same cores …");
            inference = BareInference.SpectralLimit(PerfPaths.SpectralModel, 50, options.BareSeconds);
            visual = File.Exists(PerfPaths.VisualModel) ? BareInference.VisualLimit(PerfPaths.VisualModel, BeltFrame.Jpeg(), options.BareSeconds) : null;
        }

        output.WriteLine("load average after: " + MachineInfo.LoadAverage());
        output.WriteLine();
        output.WriteLine(BenchTable.Single(run.Result, inference, visual, publisher));
        Save(options, new { machine = MachineInfo.Describe(), result = run.Result, inference, visual, publisher });
        return 0;
    }

    private static async Task<int> KneeAsync(BenchOptions options, TextWriter output)
    {
        var steps = new List<(BenchResult, bool, string)>();
        LaneLoad? previous = null;
        foreach (var factor in new[] { 1, 1.5, 2, 3, 4, 6, 8, 12, 16, 20 })
        {
            var load = Clamp(options.KneeNirOnly ? options.Load with { NirLineRateHz = options.Load.NirLineRateHz * factor } : options.Load.Scaled(factor));
            if (load == previous)
            {
                break; // every knob is at the simulator's maximum
            }

            previous = load;
            var run = await BenchRunner.RunAsync(options, load, output);
            await run.Subscriber.DisposeAsync();
            await run.Broker.DisposeAsync();
            var why = Violations(run.Result, options, checkFrames: !options.KneeNirOnly);
            steps.Add((run.Result, why.Length == 0, why));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  → {run.Result.SpectraPerSecond:0} spectra/s, {run.Result.FramesPerSecond:0.0} fps received, {run.Result.FramesDetectedPerSecond:0.0} fps detected, p99 {run.Result.LatencyP99Ms:0.0} ms: {(why.Length == 0 ? "within limits" : why)}"));
            if (why.Length > 0)
            {
                break;
            }
        }

        var inference = options.SkipBare ? null : BareInference.SpectralLimit(PerfPaths.SpectralModel, 50, options.BareSeconds);
        output.WriteLine();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"limits: decision latency p99 ≤ {options.MaxP99Ms} ms, spectra and frames dropped ≤ {options.MaxDropPercent} %, ≥ 90 % of the offered spectra/s and frames/s consumed"));
        output.WriteLine(BenchTable.Knee(steps, inference));
        Save(options, new { machine = MachineInfo.Describe(), steps = steps.Select(s => new { result = s.Item1, pass = s.Item2, why = s.Item3 }), inference });
        return 0;
    }

    private static string Violations(BenchResult r, BenchOptions options, bool checkFrames)
    {
        var problems = new List<string>();
        if (r.LatencyP99Ms > options.MaxP99Ms)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"p99 {r.LatencyP99Ms:0} ms"));
        }

        if (r.SpectraDropPercent > options.MaxDropPercent)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"spectra dropped {r.SpectraDropPercent:0.0} %"));
        }

        if (checkFrames && r.FrameDropPercent > options.MaxDropPercent)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"frames dropped {r.FrameDropPercent:0.0} %"));
        }

        if (r.SpectraPerSecond < 0.9 * r.Load.NirLineRateHz)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"only {r.SpectraPerSecond:0} of {r.Load.NirLineRateHz:0} spectra/s"));
        }

        if (checkFrames && (double.IsNaN(r.FramesPerSecond) || r.FramesPerSecond < 0.9 * r.Load.CameraFps))
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"only {r.FramesPerSecond:0.0} of {r.Load.CameraFps:0} fps"));
        }

        return string.Join(", ", problems);
    }

    /// <summary>The simulator's limits: line rate ≤ 10,000/s (test source: 200,000/s), camera ≤ 60 fps, belt ≤ 12 m/s.</summary>
    private static LaneLoad Clamp(LaneLoad load) => new(Math.Min(load.BeltSpeedMps, 12), Math.Min(load.NirLineRateHz, load.NirTestSource ? 200_000 : 10_000), Math.Min(load.CameraFps, 60))
    {
        NirTestSource = load.NirTestSource,
    };

    private static void Save(BenchOptions options, object report)
    {
        if (options.JsonPath is { } path)
        {
            File.WriteAllText(path, JsonSerializer.Serialize(report, Json));
        }
    }
}
