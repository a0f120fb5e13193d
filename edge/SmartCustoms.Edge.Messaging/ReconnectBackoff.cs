namespace SmartCustoms.Edge.Messaging;

/// <summary>
/// Exponential backoff with ±20 % jitter, so a fleet of lanes does not reconnect to a restarted broker in
/// lock-step. Pure; thread-safe when the random source is.
/// </summary>
public sealed class ReconnectBackoff(TimeSpan min, TimeSpan max, Func<double>? random = null)
{
    private readonly Func<double> _random = random ?? Random.Shared.NextDouble;

    /// <summary>Delay before retry number <paramref name="attempt"/> (0 = first retry).</summary>
    public TimeSpan Delay(int attempt)
    {
        var exponent = Math.Min(Math.Max(attempt, 0), 30);
        var baseMs = Math.Min(min.TotalMilliseconds * Math.Pow(2, exponent), max.TotalMilliseconds);
        var jittered = baseMs * (0.8 + (0.4 * _random()));
        return TimeSpan.FromMilliseconds(Math.Clamp(jittered, min.TotalMilliseconds * 0.8, max.TotalMilliseconds));
    }
}
