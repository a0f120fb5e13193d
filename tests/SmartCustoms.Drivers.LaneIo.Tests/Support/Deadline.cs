namespace SmartCustoms.Drivers.LaneIo.Tests.Support;

/// <summary>Waits on a condition with a deadline instead of a fixed sleep.</summary>
internal static class Deadline
{
    public static async Task WaitUntil(Func<bool> condition, TimeSpan timeout, string what)
    {
        var end = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > end)
            {
                throw new TimeoutException($"timed out after {timeout} waiting for {what}");
            }

            await Task.Delay(10);
        }
    }
}
