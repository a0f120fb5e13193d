namespace SmartCustoms.Drivers.Camera.Frames;

/// <summary>
/// When a frame was captured, on the reading host's monotonic clock: from the device's capture time when it sent a
/// believable one (<see cref="CameraOptions.UseDeviceTimestamps"/>, within <see cref="CameraOptions.DeviceClockTolerance"/>
/// after arrival and <see cref="CameraOptions.MaxCaptureAge"/> before it), else arrival minus
/// <see cref="CameraOptions.CaptureLatency"/>. Why: on a belt at 5 m/s a frame that arrives 0.5 s late (the gateway
/// or the network fell behind, frames wait in socket buffers) would otherwise put its items 2.5 m upstream.
/// Thread-safe (immutable).
/// </summary>
internal sealed class CaptureClock(CameraOptions options, long timestampFrequency)
{
    /// <summary>The capture timestamp, and whether it came from the device; <paramref name="refused"/> when the device sent a time that is not believable.</summary>
    public (long Timestamp, bool FromDevice) CaptureOf(DateTimeOffset? deviceTime, DateTimeOffset hostTime, long hostTimestamp, out bool refused)
    {
        refused = false;
        if (deviceTime is { } captured && options.UseDeviceTimestamps)
        {
            var age = hostTime - captured;
            if (age >= -options.DeviceClockTolerance && age <= options.MaxCaptureAge)
            {
                // A device clock slightly ahead (age < 0, within the tolerance) is clamped to arrival: never in the future.
                return (hostTimestamp - ToTimestampTicks(age < TimeSpan.Zero ? TimeSpan.Zero : age), true);
            }

            refused = true;
        }

        return (hostTimestamp - ToTimestampTicks(options.CaptureLatency), false);
    }

    private long ToTimestampTicks(TimeSpan span) => (long)Math.Round(span.Ticks * (timestampFrequency / (double)TimeSpan.TicksPerSecond));
}
