using SmartCustoms.Edge.Core.Belt;
using SmartCustoms.Edge.Core.Options;
using SmartCustoms.Edge.Core.Tests.Infrastructure;

namespace SmartCustoms.Edge.Core.Tests.Belt;

public sealed class BeltTrackerTests
{
    private readonly LaneClock _clock = new();

    private BeltTracker Tracker(Action<LaneGeometryOptions>? configure = null)
    {
        var options = new LaneGeometryOptions
        {
            CameraMetres = 20, NirMetres = 21, RadiationMetres = 22, CutterMetres = 60, SpeedSampleTimeoutSeconds = 2,
        };
        configure?.Invoke(options);
        return new BeltTracker(options, _clock.Time);
    }

    private double PositionAt(BeltTracker belt, double seconds)
    {
        Assert.True(belt.TryGetPositionAt(_clock.At(seconds), out var position), $"no position at {seconds} s");
        return position;
    }

    private void Speed(BeltTracker belt, double seconds, double speed)
    {
        _clock.SetTo(seconds);
        Assert.True(belt.RecordSpeed(speed, _clock.At(seconds)), belt.LastRejection);
    }

    [Fact]
    public void Position_through_a_stop_and_a_speed_step_matches_the_trapezoid_rule()
    {
        var belt = Tracker();
        // 2 m/s, ramp down to a stop, stand still 3 s, ramp up to 4 m/s, run 1 s.
        Speed(belt, 0, 2);
        Speed(belt, 1, 2);
        Speed(belt, 2, 0);
        Speed(belt, 5, 0);
        Speed(belt, 6, 4);
        Speed(belt, 7, 4);

        // At the samples: 0, 2, 2 + (2+0)/2 = 3, 3, 3 + (0+4)/2 = 5, 5 + 4 = 9.
        Assert.Equal(0, PositionAt(belt, 0), 9);
        Assert.Equal(2, PositionAt(belt, 1), 9);
        Assert.Equal(3, PositionAt(belt, 2), 9);
        Assert.Equal(3, PositionAt(belt, 5), 9);
        Assert.Equal(5, PositionAt(belt, 6), 9);
        Assert.Equal(9, PositionAt(belt, 7), 9);

        // Between samples the speed is linear: half-way down the ramp 2 + 2·0.5 − 2·0.25/2 = 2.75;
        // standing still 3; half-way up the ramp 3 + 4·0.25/2 = 3.5.
        Assert.Equal(2.75, PositionAt(belt, 1.5), 9);
        Assert.Equal(3, PositionAt(belt, 3.5), 9);
        Assert.Equal(3.5, PositionAt(belt, 5.5), 9);

        // After the last sample: extrapolated at 4 m/s for up to the 2 s timeout, unknown after that.
        Assert.Equal(11, PositionAt(belt, 7.5), 9);
        Assert.False(belt.TryGetPositionAt(_clock.At(9.5), out _));

        var state = belt.GetState();
        Assert.Equal(9, state.PositionMetres, 9);
        Assert.True(state.SpeedKnown);
        Assert.True(state.Moving);
        Assert.Equal(BeltPositionSource.ScaleSpeed, state.Source);
    }

    [Fact]
    public void Timestamp_at_position_inverts_the_ramp()
    {
        var belt = Tracker();
        Speed(belt, 0, 2);
        Speed(belt, 1, 2);
        Speed(belt, 2, 0);
        Speed(belt, 5, 0);
        Speed(belt, 6, 4);

        Assert.True(belt.TryGetTimestampAtPosition(2.75, out var t1));
        Assert.Equal(1.5, _clock.SecondsOf(t1), 6);
        Assert.True(belt.TryGetTimestampAtPosition(3.5, out var t2));
        Assert.Equal(5.5, _clock.SecondsOf(t2), 6);
        // 3 m is reached at 2 s (the first time, before the stop).
        Assert.True(belt.TryGetTimestampAtPosition(3, out var t3));
        Assert.Equal(2, _clock.SecondsOf(t3), 6);
    }

    [Fact]
    public void A_stale_speed_sample_makes_the_speed_unknown_and_prediction_impossible()
    {
        var belt = Tracker();
        Speed(belt, 0, 5);
        Speed(belt, 1, 5);
        _clock.SetTo(3.5);

        var state = belt.GetState();
        Assert.False(state.SpeedKnown);
        Assert.False(state.Moving);
        Assert.Equal(BeltPositionSource.None, state.Source);
        Assert.False(belt.TryGetTimestampAtPosition(100, out _));
        Assert.False(belt.TryPredictArrival(LaneDevice.Camera, _clock.At(1), LaneDevice.Cutter, out _));
    }

    [Fact]
    public void A_gap_longer_than_the_timeout_is_integrated_but_counted_as_uncertain()
    {
        var belt = Tracker();
        Speed(belt, 0, 5);
        Speed(belt, 1, 5);
        Speed(belt, 5, 5);

        Assert.Equal(25, belt.GetState().PositionMetres, 9);
        Assert.Equal(1, belt.GetState().UncertainIntervals);
    }

    [Fact]
    public void A_stopped_belt_gives_no_future_arrival_but_past_positions_stay_known()
    {
        var belt = Tracker();
        Speed(belt, 0, 5);
        Speed(belt, 1, 0);
        Speed(belt, 2, 0);

        Assert.False(belt.GetState().Moving);
        Assert.False(belt.TryGetTimestampAtPosition(10, out _));
        Assert.True(belt.TryGetTimestampAtPosition(1, out var t));
        // Ramp 5 → 0 over 1 s: x = 5t − 2.5t² = 1 → t = (5 − √15)/5.
        Assert.Equal((5 - Math.Sqrt(15)) / 5, _clock.SecondsOf(t), 6);
    }

    [Fact]
    public void Bad_samples_are_refused_and_counted()
    {
        var belt = Tracker();
        Speed(belt, 1, 5);
        Assert.False(belt.RecordSpeed(-1, _clock.At(1.1)));
        Assert.Contains("not a valid forward speed", belt.LastRejection, StringComparison.Ordinal);
        Assert.False(belt.RecordSpeed(double.NaN, _clock.At(1.2)));
        Assert.False(belt.RecordSpeed(5, _clock.At(0.5)));
        Assert.Contains("older", belt.LastRejection, StringComparison.Ordinal);
        Assert.False(belt.RecordEncoderPulses(10, _clock.At(1.3)));
        Assert.Contains("EncoderPulsesPerMetre", belt.LastRejection, StringComparison.Ordinal);
        Assert.Equal(4, belt.GetState().RejectedSamples);
    }

    [Fact]
    public void Encoder_pulses_drive_the_position_while_fresh_and_speed_takes_over_when_stale()
    {
        var belt = Tracker(o => o.EncoderPulsesPerMetre = 100);
        void Pulses(double s, long count)
        {
            _clock.SetTo(s);
            Assert.True(belt.RecordEncoderPulses(count, _clock.At(s)), belt.LastRejection);
        }

        Pulses(0, 1_000);
        Pulses(1, 1_500);
        // A scale speed sample that disagrees does not move the belt while the encoder is fresh.
        Speed(belt, 1.5, 9);
        Pulses(2, 2_000);
        Assert.Equal(10, belt.GetState().PositionMetres, 9);
        Assert.Equal(5, belt.GetState().SpeedMetresPerSecond, 9);
        Assert.Equal(BeltPositionSource.Encoder, belt.GetState().Source);
        Assert.Equal(7.5, PositionAt(belt, 1.5), 9);

        // Encoder silent for longer than the timeout: the scale's speed integrates again.
        Speed(belt, 3, 5);
        Speed(belt, 4.5, 5);
        Speed(belt, 5, 5);
        Assert.Equal(BeltPositionSource.ScaleSpeed, belt.GetState().Source);
        Assert.True(belt.GetState().PositionMetres > 10);
    }

    [Fact]
    public void Encoder_counter_going_back_is_refused_and_re_anchored()
    {
        var belt = Tracker(o => o.EncoderPulsesPerMetre = 100);
        _clock.SetTo(0);
        belt.RecordEncoderPulses(5_000, _clock.At(0));
        _clock.SetTo(1);
        belt.RecordEncoderPulses(5_500, _clock.At(1));
        _clock.SetTo(1.5);
        Assert.False(belt.RecordEncoderPulses(10, _clock.At(1.5)));
        _clock.SetTo(2);
        Assert.True(belt.RecordEncoderPulses(510, _clock.At(2)));
        Assert.Equal(10, belt.GetState().PositionMetres, 9);
    }

    [Fact]
    public void Arrival_at_the_cutter_is_predicted_and_re_evaluated_after_a_speed_change()
    {
        var belt = Tracker();
        Speed(belt, 0, 5);
        Speed(belt, 1, 5);

        // Seen at the camera (20 m) at 1 s, P = 5 m: reaches the cutter (60 m) when P = 45 m, i.e. 8 s later.
        Assert.True(belt.TryPredictArrival(LaneDevice.Camera, _clock.At(1), LaneDevice.Cutter, out var arrival));
        Assert.Equal(9, _clock.SecondsOf(arrival), 6);

        // The belt slows to 4 m/s at 2 s: P(2) = 5 + 4.5 = 9.5; the remaining 35.5 m take 8.875 s.
        Speed(belt, 2, 4);
        Assert.True(belt.TryPredictArrival(LaneDevice.Camera, _clock.At(1), LaneDevice.Cutter, out arrival));
        Assert.Equal(10.875, _clock.SecondsOf(arrival), 6);
    }

    [Fact]
    public void Arrival_already_passed_is_answered_from_the_history()
    {
        var belt = Tracker();
        Speed(belt, 0, 5);
        Speed(belt, 1, 5);
        Speed(belt, 2, 5);

        // Camera 20 m → NIR 21 m is 1 m: 0.2 s at 5 m/s.
        Assert.True(belt.TryPredictArrival(LaneDevice.Camera, _clock.At(0.5), LaneDevice.Nir, out var arrival));
        Assert.Equal(0.7, _clock.SecondsOf(arrival), 6);
    }

    [Fact]
    public void Coordinate_under_a_device_is_belt_position_minus_the_device_position()
    {
        var belt = Tracker();
        Speed(belt, 0, 5);
        Speed(belt, 1, 5);

        Assert.True(belt.TryGetCoordinateUnder(LaneDevice.Nir, _clock.At(1), out var c));
        Assert.Equal(5 - 21, c, 9);
        // The same material is under the cutter when P = c + 60 = 44 → at 8.8 s.
        Assert.True(belt.TryPredictTimestampUnder(c, LaneDevice.Cutter, out var t));
        Assert.Equal(8.8, _clock.SecondsOf(t), 6);
    }

    [Fact]
    public void The_history_is_a_ring_buffer_of_the_configured_capacity()
    {
        var belt = Tracker(o => o.HistoryCapacity = 16);
        for (var i = 0; i <= 40; i++)
        {
            Speed(belt, i * 0.1, 5);
        }

        Assert.False(belt.TryGetPositionAt(_clock.At(1), out _));
        Assert.Equal(19.5, PositionAt(belt, 3.9), 9);
        Assert.Equal(20, belt.GetState().PositionMetres, 9);
    }
}
