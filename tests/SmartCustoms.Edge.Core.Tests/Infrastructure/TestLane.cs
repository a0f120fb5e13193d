using Microsoft.Extensions.Options;
using SmartCustoms.Edge.Core.Events;
using SmartCustoms.Edge.Core.Lots;
using SmartCustoms.Edge.Core.Observations;
using SmartCustoms.Edge.Core.Options;
using SmartCustoms.Edge.Core.Sampling;

namespace SmartCustoms.Edge.Core.Tests.Infrastructure;

/// <summary>A lane core on a fake clock with a belt that can be run at a speed, plus an event recorder.</summary>
internal sealed class TestLane
{
    public TestLane(
        Action<LaneGeometryOptions>? geometry = null,
        Action<SegmentOptions>? segments = null,
        Action<VerdictOptions>? verdicts = null,
        Action<SamplingOptions>? sampling = null)
    {
        Geometry = new LaneGeometryOptions();
        // The hand-computed timings in the tests assume 0.5 m settle.
        Segments = new SegmentOptions { SettleMetres = 0.5 };
        Verdicts = new VerdictOptions();
        // The hand-computed timings in the tests assume 0.1 s decision + 0.5 s actuation.
        Sampling = new SamplingOptions { RandomStartInFirstInterval = false, DecisionSeconds = 0.1, ActuationSeconds = 0.5 };
        geometry?.Invoke(Geometry);
        segments?.Invoke(Segments);
        verdicts?.Invoke(Verdicts);
        sampling?.Invoke(Sampling);
        Core = new LaneCore(
            Microsoft.Extensions.Options.Options.Create(Geometry),
            Microsoft.Extensions.Options.Options.Create(Segments),
            Microsoft.Extensions.Options.Options.Create(Verdicts),
            Microsoft.Extensions.Options.Options.Create(Sampling),
            Clock.Time);
    }

    public LaneClock Clock { get; } = new();

    public LaneGeometryOptions Geometry { get; }

    public SegmentOptions Segments { get; }

    public VerdictOptions Verdicts { get; }

    public SamplingOptions Sampling { get; }

    public LaneCore Core { get; }

    public List<LaneEvent> Events { get; } = [];

    public List<TakeIncrementCommand> Commands { get; } = [];

    public double Totaliser { get; set; }

    public double Flow { get; set; } = 8000;

    public static LotDeclaration Declaration(string lotId = "LOT-1", double massTonnes = 10_000, string brand = "Pilbara Blend fines") =>
        new(lotId, "DEC-2026-0001", "MV Ore Star", brand, massTonnes, "2601110000");

    /// <summary>
    /// Runs the belt at <paramref name="speed"/> m/s until <paramref name="untilSeconds"/>, a sample and a tick
    /// every <paramref name="step"/> s; the totaliser grows with the flow; <paramref name="each"/> runs after each tick.
    /// </summary>
    public void Run(double speed, double untilSeconds, double step = 0.1, Action<double>? each = null)
    {
        var t = Clock.Now;
        while (t < untilSeconds - 1e-9)
        {
            t = Math.Min(untilSeconds, t + step);
            Clock.SetTo(t);
            Totaliser += Flow * step / 3600 * (speed > 0 ? 1 : 0);
            Core.RecordScale(new BeltScaleReading(Clock.At(t), speed > 0 ? Flow : 0, Totaliser, speed));
            Core.Tick();
            Collect();
            each?.Invoke(t);
        }
    }

    public void Collect()
    {
        Events.AddRange(Core.DrainEvents());
        Commands.AddRange(Core.DrainSamplerCommands());
    }

    public IEnumerable<LaneEvent> OfType(string type, string? name = null) =>
        Events.Where(e => e.Type == type && (name is null || e.Name == name));

    public void SamplerReady() => Core.ReportSampler(new SamplerStatus(true, false, string.Empty));
}
