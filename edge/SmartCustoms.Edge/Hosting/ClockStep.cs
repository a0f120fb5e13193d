namespace SmartCustoms.Edge.Hosting;

/// <summary>
/// One step of the wall clock for a clock test: from <see cref="After"/> past the moment the gateway first reads its clock, the wall
/// clock reads <see cref="Offset"/> away from the real one (as after an NTP step or an operator setting the time).
/// </summary>
internal sealed class ClockStep
{
    /// <summary>Monotonic time after start when the step happens (≥ 0).</summary>
    public TimeSpan After { get; set; }

    /// <summary>Total offset from the real wall clock from then on (either sign; 0 steps back to the real time).</summary>
    public TimeSpan Offset { get; set; }
}
