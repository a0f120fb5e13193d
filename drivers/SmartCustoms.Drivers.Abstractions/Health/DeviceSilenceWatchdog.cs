using System.Globalization;

namespace SmartCustoms.Drivers.Abstractions.Health;

/// <summary>
/// Marks a device down when it has owed a good answer for longer than a limit, whatever the cause: a request
/// that hangs (stall), answers that come too late (slow), or answers that are all bad (garbage, corrupt
/// images, exception replies). Counting failures alone is too slow for that: a stall only fails after a whole
/// request timeout, so N failures take N timeouts. The driver calls <see cref="Expect"/> when it starts waiting
/// for an answer, <see cref="Answered"/> when a good, timely one came, and <see cref="Problem"/> with what went
/// wrong meanwhile; a timer checks the oldest unanswered expectation and calls
/// <see cref="DeviceHealthTracker.ReportDown"/> once it is older than <see cref="Limit"/>. A device nobody asks
/// anything of (idle) is never marked down by it. Thread-safe.
/// </summary>
public sealed class DeviceSilenceWatchdog : IDisposable
{
    private const long Idle = long.MinValue;

    private readonly Lock _gate = new();
    private readonly DeviceHealthTracker _health;
    private readonly TimeProvider _time;
    private readonly ITimer _timer;
    private readonly string _limitText;
    private readonly string _silence;
    private long _since = Idle;
    private string? _problem;

    /// <param name="health">The tracker told when the device is down.</param>
    /// <param name="limit">How long an answer may be owed before the device is down.</param>
    /// <param name="time">Monotonic time and the timer.</param>
    /// <param name="silence">How the down reason names the missing answer, e.g. "no frame" (then "no frame for 1.5 s").</param>
    public DeviceSilenceWatchdog(DeviceHealthTracker health, TimeSpan limit, TimeProvider time, string silence = "no answer")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(silence);
        ArgumentNullException.ThrowIfNull(health);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(limit, TimeSpan.Zero);
        _health = health;
        _time = time;
        _silence = silence;
        Limit = limit;
        _limitText = limit.TotalSeconds.ToString("0.0##", CultureInfo.InvariantCulture);

        // Checked 16 times per limit (at most every 100 ms): the device is down at most limit × 1.06 (+ scheduling) after
        // the answer became due. A check is a lock and a compare, so even 10 Hz per device costs nothing measurable.
        var period = TimeSpan.FromTicks(Math.Clamp(limit.Ticks / 16, TimeSpan.FromMilliseconds(10).Ticks, TimeSpan.FromMilliseconds(100).Ticks));
        _timer = time.CreateTimer(static state => ((DeviceSilenceWatchdog)state!).Check(), this, period, period);
    }

    public TimeSpan Limit { get; }

    /// <summary>Whether an answer is owed now.</summary>
    public bool IsWaiting
    {
        get { lock (_gate) { return _since != Idle; } }
    }

    /// <summary>The driver now waits for an answer. Keeps the start of an earlier unanswered wait.</summary>
    public void Expect() => Expect(TimeSpan.Zero);

    /// <summary>
    /// The driver now waits for an answer that needs <paramref name="workTime"/> before it can come (e.g. a
    /// burst being acquired); silence counts from after that. Keeps the start of an earlier unanswered wait.
    /// </summary>
    public void Expect(TimeSpan workTime)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(workTime, TimeSpan.Zero);
        lock (_gate)
        {
            if (_since == Idle)
            {
                _since = _time.GetTimestamp() + (long)(workTime.TotalSeconds * _time.TimestampFrequency);
            }
        }
    }

    /// <summary>A good, timely answer came: nothing is owed any more.</summary>
    public void Answered()
    {
        lock (_gate)
        {
            _since = Idle;
            _problem = null;
        }
    }

    /// <summary>The wait ended without a good answer on purpose (the caller gave up): nothing is owed, but the problem is kept.</summary>
    public void Abandon()
    {
        lock (_gate)
        {
            _since = Idle;
        }
    }

    /// <summary>What went wrong while waiting; becomes part of the down reason.</summary>
    public void Problem(string reason)
    {
        lock (_gate)
        {
            _problem = reason;
        }
    }

    /// <summary>Checks now (the timer does this on its own); marks the device down when an answer is owed for longer than the limit.</summary>
    public void Check()
    {
        lock (_gate)
        {
            // Decided and reported under the lock: an Answered() racing with this check runs after it,
            // and the driver's ReportSuccess that follows it brings the device up again.
            if (_since == Idle || _time.GetElapsedTime(_since) < Limit || _health.Current.State == DeviceHealthState.Down)
            {
                return;
            }

            _health.ReportDown(_problem is null
                ? $"{_silence} for {_limitText} s"
                : $"{_silence} for {_limitText} s; last problem: {_problem}");
        }
    }

    public void Dispose() => _timer.Dispose();
}
