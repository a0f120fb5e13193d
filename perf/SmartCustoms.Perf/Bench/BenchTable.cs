using System.Globalization;
using SmartCustoms.Perf.Bare;
using SmartCustoms.Perf.Reporting;

namespace SmartCustoms.Perf.Bench;

/// <summary>Markdown tables of a benchmark (readable in a terminal, pasteable into the README). Pure.</summary>
internal static class BenchTable
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    public static string Single(BenchResult r, BareResult? inference, BareResult? visual, BareResult? publisher)
    {
        var w = new StringWriter(C);
        w.WriteLine($"Load: {r.Load}; measured window {r.WindowSeconds:0} s after warm-up.");
        w.WriteLine();
        w.WriteLine("| measure | gateway | bare limit | gateway / bare |");
        w.WriteLine("|---|---|---|---|");
        w.WriteLine($"| spectra/s classified (offered {r.Load.NirLineRateHz:0}) | {F(r.SpectraPerSecond, "0")} | {(inference is null ? "–" : F(inference.PerSecond, "0") + " (" + inference.What + ")")} | {Ratio(r.SpectraPerSecond, inference?.PerSecond)} |");
        w.WriteLine($"| camera frames/s through the visual detector ({Cap(r)}) | {F(r.FramesDetectedPerSecond, "0.0")} | {(visual is null ? "–" : F(visual.PerSecond, "0.0") + " (" + visual.What + ")")} | {Ratio(r.FramesDetectedPerSecond, visual?.PerSecond)} |");
        w.WriteLine($"| events published/s (distinct seqs at the subscriber) | {F(r.PublishedPerSecond, "0.0")} | {(publisher is null ? "–" : F(publisher.PerSecond, "0") + " (" + publisher.What + ")")} | {Ratio(r.PublishedPerSecond, publisher?.PerSecond)} |");
        w.WriteLine();
        w.WriteLine("| measure | value |");
        w.WriteLine("|---|---|");
        w.WriteLine($"| start to first published state | {F(r.StartupSeconds, "0.00")} s |");
        w.WriteLine($"| spectra/s classified (`sc_nir_classified_total`; in the summaries received: {F(r.SpectraInSummariesPerSecond, "0")}) | {F(r.SpectraPerSecond, "0")} |");
        w.WriteLine($"| spectra dropped (instrument sequence gaps) | {r.SpectraDropped} of {r.SpectraOffered} ({r.SpectraDropPercent:0.00} %) |");
        w.WriteLine($"| camera frames/s received by the gateway (whole JPEGs read, kept for view and evidence, offered to the detector; camera offers {r.Load.CameraFps:0}) | {F(r.FramesPerSecond, "0.0")} |");
        w.WriteLine($"| camera frames/s through the visual detector (JPEG decode + inference + boxes; {Cap(r)}) / skipped | {F(r.FramesDetectedPerSecond, "0.0")} / {F(r.FramesSkippedPerSecond, "0.0")} |");
        w.WriteLine($"| frames dropped / late | {r.FramesDropped} / {r.FramesLate} ({r.FrameDropPercent:0.00} % dropped) |");
        w.WriteLine($"| events stored/s | {F(r.StoredPerSecond, "0.0")} |");
        w.WriteLine($"| events published/s | {F(r.PublishedPerSecond, "0.0")} |");
        w.WriteLine($"| decision latency p50 / p95 / p99 / max ({r.Detections} detections; ±{r.ClockUncertaintyMs:0.0} ms clock) | {L(r.LatencyP50Ms)} / {L(r.LatencyP95Ms)} / {L(r.LatencyP99Ms)} / {L(r.LatencyMaxMs)} ms |");
        w.WriteLine($"| event stamp (`ts`) → receipt p50 / p99 | {L(r.StampToReceiptP50Ms)} / {L(r.StampToReceiptP99Ms)} ms |");
        foreach (var p in r.Processes)
        {
            w.WriteLine($"| {p.Name}: CPU (% of one core; /2 for share of 2 cores) / peak RSS | {F(p.CpuPercentOfOneCore, "0")} % / {(p.PeakRssBytes is { } b ? (b / 1048576.0).ToString("0", C) + " MB" : "–")} |");
        }

        if (inference is not null)
        {
            w.WriteLine($"| bare inference CPU | {inference.CpuPercentOfOneCore:0} % of one core ({inference.Detail}) |");
        }

        if (visual is not null)
        {
            w.WriteLine($"| bare visual detector CPU | {visual.CpuPercentOfOneCore:0} % of one core ({visual.Detail}) |");
        }

        if (publisher is not null)
        {
            w.WriteLine($"| bare publisher CPU | {publisher.CpuPercentOfOneCore:0} % of one core ({publisher.Detail}) |");
        }

        if (r.CounterRates.Count > 0)
        {
            w.WriteLine();
            w.WriteLine("| gateway `/metrics` counter | per second over the window |");
            w.WriteLine("|---|---|");
            foreach (var (name, rate) in r.CounterRates)
            {
                w.WriteLine($"| `{name}` | {rate:0.##} |");
            }
        }

        foreach (var note in r.Notes)
        {
            w.WriteLine($"\nnote: {note}");
        }

        return w.ToString();
    }

    public static string Knee(IReadOnlyList<(BenchResult Result, bool Pass, string Why)> steps, BareResult? inference)
    {
        var w = new StringWriter(C);
        w.WriteLine("| load | spectra/s | dropped % | frames/s received | frames/s detected | frames dropped % | stored/s | latency p99 ms | gateway CPU % | gateway peak RSS MB | within limits |");
        w.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var (r, pass, why) in steps)
        {
            var gateway = r.Processes.First(p => p.Name == "gateway");
            w.WriteLine($"| {r.Load} | {F(r.SpectraPerSecond, "0")} | {r.SpectraDropPercent:0.00} | {F(r.FramesPerSecond, "0.0")} | {F(r.FramesDetectedPerSecond, "0.0")} | {r.FrameDropPercent:0.00} | {F(r.StoredPerSecond, "0.0")} | {L(r.LatencyP99Ms)} | {F(gateway.CpuPercentOfOneCore, "0")} | {(gateway.PeakRssBytes is { } b ? (b / 1048576.0).ToString("0", C) : "–")} | {(pass ? "yes" : "no: " + why)} |");
        }

        var knee = steps.LastOrDefault(s => s.Pass);
        w.WriteLine();
        var ofBare = knee.Result is null || inference is null ? string.Empty
            : $" = {knee.Result.SpectraPerSecond / inference.PerSecond * 100:0.0} % of the bare spectral inference rate ({inference.PerSecond:0} spectra/s, same run, same cores)";
        w.WriteLine(knee.Result is null
            ? "knee: even the first load exceeded the limits"
            : steps.All(s => s.Pass)
                ? $"no limit broken up to the highest load the simulator offers ({knee.Result.Load}): the knee is above {knee.Result.SpectraPerSecond:0} spectra/s{ofBare}"
                : $"knee (highest load within the limits): {knee.Result.Load}: {knee.Result.SpectraPerSecond:0} spectra/s{ofBare}");
        return w.ToString();
    }

    private static string Cap(BenchResult r) => r.VisualEnabled == false
        ? "visual detection off"
        : r.VisualMaxFramesPerSecond is { } cap ? string.Create(C, $"cap Models:VisualMaxFramesPerSecond = {cap:0.#}/s") : "cap not reported";

    private static string F(double value, string format) => double.IsNaN(value) ? "–" : value.ToString(format, C);

    private static string L(double? ms) => ms is { } v ? v.ToString("0.0", C) : "–";

    private static string Ratio(double gateway, double? bare) =>
        bare is > 0 && !double.IsNaN(gateway) ? (gateway / bare.Value * 100).ToString(gateway / bare.Value < 0.01 ? "0.000" : "0.0", C) + " %" : "–";
}
