using System.Globalization;

namespace SmartCustoms.Drivers.Camera.Frames;

/// <summary>
/// Parses the per-frame headers cameras send (X-Frame-Sequence, X-Frame-Timestamp). Timestamps are accepted
/// as ISO 8601 / RFC 3339, or as Unix time in seconds (with decimals), milliseconds or microseconds — the unit
/// is told by the magnitude. Unparseable values give null: the frame is still good, only unstamped.
/// Thread-safe (stateless).
/// </summary>
internal static class FrameHeaderValues
{
    public static ulong? Sequence(string? value) =>
        value is not null && ulong.TryParse(value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var sequence)
            ? sequence
            : null;

    public static DateTimeOffset? Timestamp(string? value)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > 64)
        {
            return null;
        }

        value = value.Trim();
        if (double.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number))
        {
            // 1e11 s is the year 5138 and 1e14 ms the year 5138: anything above is the next smaller unit.
            var milliseconds = number >= 1e14 ? number / 1000 : number >= 1e11 ? number : number * 1000;
            return milliseconds < 253_402_300_799_000
                // Whole microseconds: a double holds those exactly for today's dates, 100 ns ticks it does not.
                ? DateTimeOffset.UnixEpoch.AddTicks((long)Math.Round(milliseconds * 1000) * TimeSpan.TicksPerMicrosecond)
                : null;
        }

        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? time
            : null;
    }
}
