namespace SmartCustoms.Edge.Hosting;

/// <summary>
/// Section <c>Testing:Clock</c> (keys <c>Steps:N:After</c>, <c>Steps:N:Offset</c>): wall-clock steps for clock tests only (empty in production). A real step
/// of the system clock cannot be made safely on a shared machine, so the gateway's <see cref="TimeProvider"/>
/// makes it instead; the monotonic clock and timers stay untouched, exactly as a real step leaves them.
/// </summary>
internal sealed class ClockStepOptions
{
    public const string SectionName = "Testing:Clock";

    /// <summary>The steps, applied in order of <see cref="ClockStep.After"/>.</summary>
    public IList<ClockStep> Steps { get; } = [];
}
