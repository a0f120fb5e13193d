using SmartCustoms.Edge.Core.Alarms;
using SmartCustoms.Edge.Core.Belt;
using SmartCustoms.Edge.Core.Events;
using SmartCustoms.Edge.Core.Fusion;
using SmartCustoms.Edge.Core.Observations;
using SmartCustoms.Edge.Core.Segments;
using SmartCustoms.Edge.Core.Tests.Infrastructure;

namespace SmartCustoms.Edge.Core.Tests.Fusion;

/// <summary>
/// Radiation evidence goes to the segment where a source peaked, not to every segment that passed while the monitor
/// held its alarm. The monitor is modelled as the simulator's: dose = background + D·h²/(h² + x²) (h = 1 m), each
/// reading the mean over the last 1 s, a reading every 0.1 s, alarm state held 5 s after the dose drops.
/// </summary>
public sealed class RadiationAttributionTests
{
    private const double Background = 80;
    private const double Speed = 5;

    [Fact]
    public void One_source_marks_only_the_segment_it_is_in()
    {
        var lane = RunWithSources(40, (105, 2_000));

        Assert.Equal([10L], FlaggedSegments(lane));
        var report = FinalReport(lane, 10);
        Assert.Equal(SegmentVerdict.Contaminated, report.Verdict);
        Assert.Contains(report.Findings, f => f.Code == "radiation-alarm");
        // The cut aims at the source when nothing else is on the segment.
        Assert.InRange(report.HotspotMetres!.Value, 104.5, 105.5);
        // The alarm itself is raised from the readings at once, before the source is located (the segment verdict).
        var alarm = lane.Events.FindIndex(e => e.Type == LaneEventTypes.Alarm && ((AlarmChange)e.Data).Alarm.Type == AlarmType.Radiation);
        var verdict = lane.Events.FindIndex(e => e.Type == LaneEventTypes.Segment && ((SegmentReport)e.Data).Verdict != SegmentVerdict.Clear);
        Assert.InRange(alarm, 0, verdict - 1);
    }

    [Fact]
    public void A_source_within_the_tolerance_of_a_boundary_marks_both_segments()
    {
        var lane = RunWithSources(40, (109.8, 2_000));

        Assert.Equal([10L, 11L], FlaggedSegments(lane));
    }

    [Fact]
    public void A_weak_source_gives_a_warning_on_its_segment_only()
    {
        var lane = RunWithSources(40, (125, 100));

        Assert.Equal([12L], FlaggedSegments(lane));
        Assert.Equal(SegmentVerdict.Suspect, FinalReport(lane, 12).Verdict);
    }

    [Fact]
    public void Two_sources_far_apart_mark_their_own_segments()
    {
        var lane = RunWithSources(50, (105, 2_000), (165, 2_000));

        Assert.Equal([10L, 16L], FlaggedSegments(lane));
    }

    [Fact]
    public void Spread_radioactive_material_marks_every_segment_it_lies_on()
    {
        // 30 m of weakly radioactive ore (a source every 0.25 m): no peak, the dose stays up while it passes.
        var stretch = Enumerable.Range(0, 121).Select(i => (100 + (i * 0.25), 40.0)).ToArray();
        var lane = RunWithSources(50, stretch);

        var flagged = FlaggedSegments(lane);
        Assert.Contains(10L, flagged);
        Assert.Contains(11L, flagged);
        Assert.Contains(12L, flagged);
    }

    private static TestLane RunWithSources(double seconds, params (double Coordinate, double PeakDose)[] sources)
    {
        var lane = new TestLane();
        lane.Core.StartLot(TestLane.Declaration());
        var readings = new List<double>();
        lane.Run(Speed, seconds, each: t =>
        {
            // The reading: mean true dose over the counting window [t - 1 s, t], from where the belt really was.
            double sum = 0;
            const int Steps = 20;
            for (var k = 0; k < Steps; k++)
            {
                sum += TrueDose(lane, t - 1 + ((k + 0.5) / Steps), sources);
            }

            var reading = sum / Steps;
            readings.Add(reading);
            var held = readings.Skip(Math.Max(0, readings.Count - 51)).Max();
            var level = held >= 3 * Background ? RadiationLevel.Alarm : held >= 1.5 * Background ? RadiationLevel.Warning : RadiationLevel.Normal;
            lane.Core.Observe(new RadiationReading(lane.Clock.At(t), reading, level));
        });
        lane.Collect();
        return lane;
    }

    private static double TrueDose(TestLane lane, double t, (double Coordinate, double PeakDose)[] sources)
    {
        var dose = Background;
        if (!lane.Core.Belt.TryGetCoordinateUnder(LaneDevice.Radiation, lane.Clock.At(Math.Max(0, t)), out var under))
        {
            return dose;
        }

        foreach (var (coordinate, peak) in sources)
        {
            var x = under - coordinate;
            dose += peak / (1 + (x * x));
        }

        return dose;
    }

    private static List<long> FlaggedSegments(TestLane lane) =>
        [.. lane.OfType(LaneEventTypes.Segment)
            .Select(e => (SegmentReport)e.Data)
            .GroupBy(r => r.Number)
            .Where(g => g.Last().Verdict != SegmentVerdict.Clear)
            .Select(g => g.Key)
            .Order()];

    private static SegmentReport FinalReport(TestLane lane, long number) =>
        lane.OfType(LaneEventTypes.Segment).Select(e => (SegmentReport)e.Data).Last(r => r.Number == number);
}
