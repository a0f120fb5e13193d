namespace SmartCustoms.Drivers.Camera.Tests.Infrastructure;

/// <summary>Waits for a condition with a deadline instead of sleeping a fixed time.</summary>
internal static class Eventually
{
    public static async Task<TimeSpan> True(Func<bool> condition, TimeSpan within, Func<string> whatFailed)
    {
        var started = TimeProvider.System.GetTimestamp();
        while (!condition())
        {
            if (TimeProvider.System.GetElapsedTime(started) > within)
            {
                Assert.Fail($"not within {within.TotalSeconds:0.#} s: {whatFailed()}");
            }

            await Task.Delay(10);
        }

        return TimeProvider.System.GetElapsedTime(started);
    }
}
