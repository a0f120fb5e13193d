using Microsoft.Extensions.Time.Testing;

namespace SmartCustoms.Edge.Core.Tests.Infrastructure;

/// <summary>A fake clock with "seconds since test start" helpers.</summary>
internal sealed class LaneClock
{
    public LaneClock()
    {
        Time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 6, 0, 0, TimeSpan.Zero));
        Origin = Time.GetTimestamp();
    }

    public FakeTimeProvider Time { get; }

    public long Origin { get; }

    /// <summary>The timestamp <paramref name="seconds"/> after the test started.</summary>
    public long At(double seconds) => Origin + (long)Math.Round(seconds * Time.TimestampFrequency);

    public double SecondsOf(long timestamp) => (timestamp - Origin) / (double)Time.TimestampFrequency;

    public double Now => SecondsOf(Time.GetTimestamp());

    /// <summary>Moves the clock to <paramref name="seconds"/> after start (never backwards).</summary>
    public void SetTo(double seconds)
    {
        var target = At(seconds);
        var now = Time.GetTimestamp();
        if (target > now)
        {
            Time.Advance(TimeSpan.FromTicks((long)Math.Round((target - now) * (TimeSpan.TicksPerSecond / (double)Time.TimestampFrequency))));
        }
    }
}
