using System.Diagnostics.Metrics;
using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using SmartCustoms.Drivers.Abstractions.Camera;
using SmartCustoms.Drivers.Abstractions.Health;

namespace SmartCustoms.Drivers.Camera.Frames;

/// <summary>
/// What every camera source shares: the single-consumer guard, health, counters, frame quality checks
/// (dropped, late, frozen, slow), corrupt-frame accounting and reconnect backoff. Subclasses only produce frames
/// in <see cref="ReadCoreAsync"/> and report failures. Health is also time-based: while the consumer waits
/// for a frame and no good, timely one comes for <see cref="CameraOptions.StallTimeout"/> (stall, a stream of
/// garbage or corrupt images, frames slower than <see cref="CameraOptions.SlowFrameInterval"/>), the camera is
/// down then, not after N failed reconnects. Thread-safety as <see cref="IFrameSource"/>.
/// </summary>
public abstract class FrameSourceBase : IFrameSource
{
    private readonly DeviceHealthTracker _health;
    private readonly FrameQualityMonitor _quality;
    private readonly CaptureClock _captureClock;
    private readonly DeviceSilenceWatchdog _watchdog;
    private readonly CancellationTokenSource _disposed = new();
    private int _reading;
    private int _disposeStarted;
    private ulong _ownSequence;
    private int _failuresInRow;
    private long _waitStarted;

    protected FrameSourceBase(CameraOptions options, TimeProvider time, ILogger logger, IMeterFactory? meterFactory)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        Options = options;
        Time = time;
        Logger = logger;
        Metrics = new CameraMetrics(options.Name, meterFactory);
        _health = new DeviceHealthTracker(options.Name, options.FailuresBeforeDown, time);
        _health.Changed += (_, health) => HealthChanged?.Invoke(this, health);
        _watchdog = new DeviceSilenceWatchdog(_health, options.StallTimeout, time, "no frame");
        _captureClock = new CaptureClock(options, time.TimestampFrequency);
        _quality = new FrameQualityMonitor(options.Name, options.FrozenFrameCount, options.LateFrameAge, Metrics, logger);
    }

    public event EventHandler<DeviceHealth>? HealthChanged;

    public string DeviceName => Options.Name;

    public DeviceHealth Health => _health.Current;

    public CameraCounters Counters => Metrics.Snapshot();

    /// <summary>The counters as meter instruments and totals.</summary>
    public CameraMetrics Metrics { get; }

    protected CameraOptions Options { get; }

    protected TimeProvider Time { get; }

    protected ILogger Logger { get; }

    /// <summary>Where frames come from, for logs and health reasons (a URL, device or file).</summary>
    protected abstract string SourceDescription { get; }

    public async IAsyncEnumerable<CameraFrame> ReadFramesAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed.IsCancellationRequested, this);
        if (Interlocked.Exchange(ref _reading, 1) == 1)
        {
            throw new InvalidOperationException($"{DeviceName}: frames are already being read; a frame source has one consumer at a time");
        }

        try
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _disposed.Token);
            var frames = ReadCoreAsync(linked.Token).GetAsyncEnumerator(linked.Token);
            await using (frames.ConfigureAwait(false))
            {
                while (true)
                {
                    bool more;
                    try
                    {
                        // The consumer waits for a frame from now on; its own time holding a frame is not the camera's.
                        _waitStarted = Time.GetTimestamp();
                        _watchdog.Expect();
                        more = await frames.MoveNextAsync();
                    }
                    catch (Exception ex) when (_disposed.IsCancellationRequested && !cancellationToken.IsCancellationRequested &&
                                               ex is OperationCanceledException or ObjectDisposedException)
                    {
                        yield break; // the source was disposed under the reader: end quietly
                    }

                    if (!more)
                    {
                        yield break;
                    }

                    yield return frames.Current;
                }
            }
        }
        finally
        {
            _watchdog.Abandon();
            Volatile.Write(ref _reading, 0);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposeStarted, 1) == 1)
        {
            return;
        }

        await _disposed.CancelAsync();
        _watchdog.Dispose();
        await ReleaseAsync();
        Metrics.Dispose();
        _disposed.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Produces frames until cancelled (or, for a finite source, until it ends); recovers from failures itself.</summary>
    protected abstract IAsyncEnumerable<CameraFrame> ReadCoreAsync(CancellationToken cancellationToken);

    /// <summary>Releases the source's own resources after the reader has been cancelled.</summary>
    protected virtual ValueTask ReleaseAsync() => ValueTask.CompletedTask;

    /// <summary>
    /// Turns a checked image into a frame: counts it, checks sequence, age and repeats, updates health.
    /// Takes ownership of <paramref name="jpeg"/> and <paramref name="pixelOwner"/>.
    /// </summary>
    internal CameraFrame CreateFrame(
        PooledBuffer jpeg, int width, int height, FramePixels? pixels, IDisposable? pixelOwner,
        ulong? deviceSequence, DateTimeOffset? deviceTime)
    {
        var hostTime = Time.GetUtcNow();
        var hostTimestamp = Time.GetTimestamp();
        var repeat = _quality.Observe(jpeg.Span, deviceSequence, deviceTime, hostTime);
        var sequence = deviceSequence ?? ++_ownSequence;
        Metrics.Frame(jpeg.Length);
        _failuresInRow = 0;
        var waited = Time.GetElapsedTime(_waitStarted, hostTimestamp);
        if (Options.SlowFrameInterval > TimeSpan.Zero && waited > Options.SlowFrameInterval)
        {
            // Delivered, but too late to be of use at belt speed: the watchdog stays armed, and frames that
            // keep coming late for StallTimeout take the camera down; one late frame (a hiccup) does not.
            _watchdog.Problem(string.Create(CultureInfo.InvariantCulture,
                $"frames come slowly: {waited.TotalSeconds:0.00} s for the last one, more than {CameraOptions.SectionName}:SlowFrameInterval {Options.SlowFrameInterval.TotalSeconds:0.00} s"));
        }
        else if (_quality.IsFrozen)
        {
            _watchdog.Answered();
            _health.ReportDegraded(string.Create(CultureInfo.InvariantCulture, $"frozen image for {Options.FrozenFrameCount} frames"));
        }
        else
        {
            _watchdog.Answered();
            _health.ReportSuccess();
        }

        var (captured, fromDevice) = _captureClock.CaptureOf(deviceTime, hostTime, hostTimestamp, out var refused);
        if (refused)
        {
            Metrics.BadTimestamp();
            var count = Metrics.BadTimestamps;
            if (count == 1 || count % 1000 == 0)
            {
                CameraLog.BadTimestamp(Logger, DeviceName, sequence, deviceTime!.Value, (long)(hostTime - deviceTime.Value).TotalMilliseconds, count);
            }
        }

        return new CameraFrame(
            Options.Name, sequence, deviceSequence.HasValue, deviceTime, hostTime, hostTimestamp, width, height,
            jpeg.Memory, pixels, repeat, CompositeOwner.Of(jpeg, pixelOwner), captured, fromDevice);
    }

    /// <summary>Counts and logs an image that was not a valid JPEG; the frame is skipped.</summary>
    internal void CountCorrupt(ulong? deviceSequence, int bytes, string problem)
    {
        Metrics.Corrupt();
        _watchdog.Problem($"corrupt image: {problem}");
        CameraLog.CorruptFrame(Logger, DeviceName, deviceSequence ?? _ownSequence + 1, bytes, problem);
    }

    /// <summary>
    /// Records a failed connection (or a lost one) and returns how long to wait before trying again.
    /// <paramref name="downNow"/> marks the camera down at once (a stall: it already lasted the whole timeout).
    /// </summary>
    protected TimeSpan ReportFailure(string reason, bool downNow)
    {
        _failuresInRow++;
        _watchdog.Problem(reason);
        if (downNow)
        {
            _health.ReportDown(reason);
        }
        else
        {
            _health.ReportFailure(reason);
        }

        var exponent = Math.Min(_failuresInRow - 1, 16);
        var delay = TimeSpan.FromTicks(Math.Min(Options.MaxReconnectDelay.Ticks, Options.ReconnectDelay.Ticks << exponent));
        Metrics.Reconnect();
        CameraLog.Failed(Logger, DeviceName, SourceDescription, _failuresInRow, (long)delay.TotalMilliseconds, reason);
        return delay;
    }

    /// <summary>Marks the camera down with a reason without counting a failure (e.g. a finite file that ended).</summary>
    protected void ReportDown(string reason) => _health.ReportDown(reason);

    protected void LogStall()
    {
        CameraLog.Stalled(Logger, DeviceName, SourceDescription, (long)Options.StallTimeout.TotalMilliseconds);
    }

    protected Task WaitBeforeRetryAsync(TimeSpan delay, CancellationToken cancellationToken) =>
        Task.Delay(delay, Time, cancellationToken);
}
