using System.Globalization;
using System.Text.Json;
using SmartCustoms.Perf.Bare;
using SmartCustoms.Perf.Processes;
using SmartCustoms.Perf.Reporting;

namespace SmartCustoms.Perf.Bench;

/// <summary>
/// <c>perf bench --spectral-ceiling</c>: the gateway's spectral path against the bare spectral inference rate on the
/// same cores, in one run. The NIR is the simulator's throughput test source (banked clean-lane spectra taken at the
/// default 1,000 µs, served at any line rate through the real SCPI protocol and the gateway's real driver), the camera
/// is off (no camera in the simulator, no visual model in the gateway: the bare figure is the spectral model alone).
/// Bare inference is measured first; the line rate then rises in fractions of it, with fresh processes per step, until
/// the gateway drops spectra (sequence gaps above <c>--max-drop-pct</c>) or classifies less than 90 % of the offered
/// rate; bare is measured again at the end.
/// </summary>
internal static class SpectralCeilingCommand
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };
    private static readonly double[] Fractions = [0.25, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 1.0, 1.1];

    public sealed record Step(BenchResult Result, double FractionOfBare, bool Pass, string Why, string LoadAverage);

    public static async Task<int> RunAsync(BenchOptions options, TextWriter output)
    {
        // Clean lane: the test source serves clean spectra whatever the scenario; clean keeps the other devices quiet too.
        options.Scenario = "clean";
        output.WriteLine("  bare spectral inference first (same cores, nothing else of ours running) …");
        var bareBefore = BareInference.SpectralLimit(PerfPaths.SpectralModel, 50, options.BareSeconds);
        output.WriteLine(string.Create(C, $"  bare: {bareBefore.PerSecond:0} spectra/s at {bareBefore.CpuPercentOfOneCore:0} % of one core ({bareBefore.Detail}); load average {MachineInfo.LoadAverage()}"));

        var steps = new List<Step>();
        foreach (var fraction in Fractions)
        {
            var rate = Math.Round(bareBefore.PerSecond * fraction / 100) * 100;
            var step = await RunStepAsync(options, rate, fraction, output);
            steps.Add(step);
            if (!step.Pass)
            {
                // One step halfway between the last pass and this failure, when the gap is wide.
                var lastPass = steps.LastOrDefault(s => s.Pass);
                if (lastPass is not null && fraction - lastPass.FractionOfBare > 0.1)
                {
                    var mid = (fraction + lastPass.FractionOfBare) / 2;
                    steps.Add(await RunStepAsync(options, Math.Round(bareBefore.PerSecond * mid / 100) * 100, mid, output));
                }

                break;
            }
        }

        output.WriteLine("  bare spectral inference again …");
        var bareAfter = BareInference.SpectralLimit(PerfPaths.SpectralModel, 50, options.BareSeconds);
        output.WriteLine(string.Create(C, $"  bare: {bareAfter.PerSecond:0} spectra/s at {bareAfter.CpuPercentOfOneCore:0} % of one core ({bareAfter.Detail}); load average {MachineInfo.LoadAverage()}"));
        output.WriteLine();
        output.WriteLine(string.Create(C, $"limits: spectra dropped (sequence gaps) ≤ {options.MaxDropPercent} %, ≥ 90 % of the offered spectra/s classified; decision latency not judged (clean spectra, no detections expected)"));
        output.WriteLine(Table(steps, bareBefore, bareAfter));
        if (options.JsonPath is { } path)
        {
            File.WriteAllText(path, JsonSerializer.Serialize(new { machine = MachineInfo.Describe(), bareBefore, bareAfter, steps }, Json));
        }

        return 0;
    }

    private static async Task<Step> RunStepAsync(BenchOptions options, double rate, double fraction, TextWriter output)
    {
        var load = new LaneLoad(options.Load.BeltSpeedMps, rate, options.Load.CameraFps) { NirTestSource = true };
        var run = await BenchRunner.RunAsync(options, load, output);
        await run.Subscriber.DisposeAsync();
        await run.Broker.DisposeAsync();
        var r = run.Result;
        var problems = new List<string>();
        if (r.SpectraDropPercent > options.MaxDropPercent)
        {
            problems.Add(string.Create(C, $"spectra dropped {r.SpectraDropPercent:0.0} %"));
        }

        if (double.IsNaN(r.SpectraPerSecond) || r.SpectraPerSecond < 0.9 * rate)
        {
            problems.Add(string.Create(C, $"only {r.SpectraPerSecond:0} of {rate:0} spectra/s"));
        }

        var why = string.Join(", ", problems);
        var step = new Step(r, fraction, why.Length == 0, why, MachineInfo.LoadAverage());
        output.WriteLine(string.Create(C, $"  → {r.SpectraPerSecond:0} of {rate:0} spectra/s, dropped {r.SpectraDropPercent:0.00} %, gateway CPU {Cpu(r, "gateway")} % of one core, load average {step.LoadAverage}: {(step.Pass ? "kept up" : why)}"));
        return step;
    }

    private static string Table(List<Step> steps, BareResult before, BareResult after)
    {
        var w = new StringWriter(C);
        w.WriteLine("| offered spectra/s (× bare before) | classified spectra/s | dropped % | gateway CPU % of one core | scsim CPU % | gateway peak RSS MB | load average after | kept up |");
        w.WriteLine("|---|---|---|---|---|---|---|---|");
        foreach (var s in steps.OrderBy(s => s.Result.Load.NirLineRateHz))
        {
            var r = s.Result;
            var rss = r.Processes.First(p => p.Name == "gateway").PeakRssBytes is { } b ? (b / 1048576.0).ToString("0", C) : "–";
            w.WriteLine($"| {r.Load.NirLineRateHz:0} ({s.FractionOfBare:0.00}) | {r.SpectraPerSecond:0} | {r.SpectraDropPercent:0.00} | {Cpu(r, "gateway")} | {Cpu(r, "scsim lane")} | {rss} | {s.LoadAverage} | {(s.Pass ? "yes" : "no: " + s.Why)} |");
        }

        w.WriteLine();
        w.WriteLine($"bare spectral inference ({before.What}, {before.Detail}): {before.PerSecond:0} spectra/s before the steps ({before.CpuPercentOfOneCore:0} % of one core), {after.PerSecond:0} after ({after.CpuPercentOfOneCore:0} %; {after.Detail})");
        var knee = steps.Where(s => s.Pass).OrderBy(s => s.Result.Load.NirLineRateHz).LastOrDefault();
        var bare = (before.PerSecond + after.PerSecond) / 2;
        if (knee is null)
        {
            w.WriteLine("knee: the gateway fell behind already at the first step");
        }
        else
        {
            // A step can classify more than offered when a backlog from its warm-up drains in the window: the knee is what
            // was offered and sustained, never more.
            var r = knee.Result;
            var sustained = Math.Min(r.SpectraPerSecond, r.Load.NirLineRateHz);
            w.WriteLine($"knee (highest offered rate the gateway kept up with): {r.Load.NirLineRateHz:0} offered, {r.SpectraPerSecond:0} classified/s; sustained {sustained:0}/s = {sustained / bare * 100:0.0} % of bare (mean of before and after, {bare:0}/s; {sustained / before.PerSecond * 100:0.0} % of before, {sustained / after.PerSecond * 100:0.0} % of after)");
        }

        var saturated = steps.Where(s => !s.Pass).Select(s => s.Result.SpectraPerSecond).Where(v => !double.IsNaN(v)).DefaultIfEmpty(double.NaN).Max();
        if (!double.IsNaN(saturated))
        {
            w.WriteLine($"saturated throughput (classified/s at a step it could not keep up with): {saturated:0} = {saturated / bare * 100:0.0} % of bare");
        }

        return w.ToString();
    }

    private static string Cpu(BenchResult r, string name) =>
        r.Processes.FirstOrDefault(p => p.Name == name) is { } p && !double.IsNaN(p.CpuPercentOfOneCore) ? p.CpuPercentOfOneCore.ToString("0", C) : "–";
}
