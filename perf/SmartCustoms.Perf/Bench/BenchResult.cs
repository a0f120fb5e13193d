using SmartCustoms.Perf.Processes;
using SmartCustoms.Perf.Reporting;

namespace SmartCustoms.Perf.Bench;

/// <summary>What one end-to-end run at one load measured (NaN / null = could not be measured, and why in Notes).</summary>
internal sealed record BenchResult
{
    public required LaneLoad Load { get; init; }

    public required double WindowSeconds { get; init; }

    public double StartupSeconds { get; init; } = double.NaN;

    /// <summary>Spectra classified per second: <c>sc_nir_classified_total</c> over the window, else the summaries' counts.</summary>
    public double SpectraPerSecond { get; init; } = double.NaN;

    /// <summary>classified + rejected in the <c>sc.event.spectra</c> summaries received in the window, per second.</summary>
    public double SpectraInSummariesPerSecond { get; init; } = double.NaN;

    /// <summary>Spectra the instrument numbered that the gateway never classified (sequence gaps in the summaries).</summary>
    public long SpectraDropped { get; init; }

    public long SpectraOffered { get; init; }

    public double FramesPerSecond { get; init; } = double.NaN;

    public long FramesDropped { get; init; }

    public long FramesLate { get; init; }

    /// <summary>Frames run through the visual detector per second (NaN when the gateway does not report it).</summary>
    public double FramesDetectedPerSecond { get; init; } = double.NaN;

    /// <summary>Frames received but not run through the detector (busy or over its rate cap) per second.</summary>
    public double FramesSkippedPerSecond { get; init; } = double.NaN;

    /// <summary>Whether the gateway's visual detection was on (null: not reported).</summary>
    public bool? VisualEnabled { get; init; }

    /// <summary>The gateway's <c>Models:VisualMaxFramesPerSecond</c> (null: not reported).</summary>
    public double? VisualMaxFramesPerSecond { get; init; }

    public double StoredPerSecond { get; init; } = double.NaN;

    public double PublishedPerSecond { get; init; } = double.NaN;

    public int Detections { get; init; }

    public double? LatencyP50Ms { get; init; }

    public double? LatencyP95Ms { get; init; }

    public double? LatencyP99Ms { get; init; }

    public double? LatencyMaxMs { get; init; }

    public double ClockUncertaintyMs { get; init; }

    /// <summary>Envelope <c>ts</c> (stamped by the gateway when it made the event) → receipt, p50/p99, ms.</summary>
    public double? StampToReceiptP50Ms { get; init; }

    public double? StampToReceiptP99Ms { get; init; }

    public required IReadOnlyList<ProcessUsage> Processes { get; init; }

    public List<string> Notes { get; } = [];

    /// <summary>Per-second rates of the gateway's <c>/metrics</c> counters over the window (those that moved).</summary>
    public SortedDictionary<string, double> CounterRates { get; } = new(StringComparer.Ordinal);

    public double SpectraDropPercent => SpectraOffered == 0 ? 0 : 100.0 * SpectraDropped / SpectraOffered;

    public double FrameDropPercent => FramesPerSecond is double.NaN || FramesPerSecond * WindowSeconds + FramesDropped == 0
        ? 0
        : 100.0 * FramesDropped / ((FramesPerSecond * WindowSeconds) + FramesDropped);
}
