using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using OpenCvSharp;
using SmartCustoms.Simulators.Faults;
using SmartCustoms.Simulators.Http;
using SmartCustoms.Simulators.World;

namespace SmartCustoms.Simulators.Camera;

/// <summary>
/// The simulated camera: one producer renders and JPEG-encodes frames at the configured rate while
/// anyone watches (no viewer, no CPU), and an HTTP server serves them as MJPEG
/// (<c>/stream.mjpg</c>, multipart/x-mixed-replace, each part with Content-Type, Content-Length,
/// X-Frame-Sequence and X-Frame-Timestamp) and single JPEGs (<c>/snapshot.jpg</c>). A slow viewer
/// skips frames rather than falling behind. Faults: disconnect (connections aborted), stall (no
/// frames), garbage (random bytes instead of JPEG parts), slow (<see cref="CameraSimulatorOptions.SlowFps"/>),
/// frozen (the same image again), corrupt (truncated, bit-flipped JPEGs), clock-offset (frame timestamps
/// shifted). Thread-safe.
/// </summary>
public sealed class CameraSimulator : IAsyncDisposable
{
    public const string Boundary = "scframe";

    private readonly ICameraFrameSource _source;
    private readonly LaneClock _clock;
    private readonly CameraSimulatorOptions _options;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private readonly Lock _renderGate = new();
    private readonly SemaphoreSlim _demandSignal = new(0);
    private readonly CancellationTokenSource _stop = new();
    private readonly ImageEncodingParam[] _jpegParams;
    private readonly Mat _frame;
    private readonly Random _noise = new(17);
    private TaskCompletionSource<CameraFrame> _next = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private CameraFrame? _latest;
    private SimulatorHttpServer? _http;
    private Task _producer = Task.CompletedTask;
    private long _sequence;
    private long _encoded;
    private int _demand;
    private int _streamClients;
    private int _disposed;

    public CameraSimulator(ICameraFrameSource source, LaneClock clock, CameraSimulatorOptions options, DeviceFaultInjector faults, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(faults);
        ArgumentNullException.ThrowIfNull(logger);
        _source = source;
        _clock = clock;
        _options = options;
        Faults = faults;
        _logger = logger;
        _jpegParams = [new ImageEncodingParam(ImwriteFlags.JpegQuality, options.JpegQuality)];
        _frame = new Mat(options.Height, options.Width, MatType.CV_8UC3, Scalar.All(0));
    }

    public DeviceFaultInjector Faults { get; }

    /// <summary>Where the camera's HTTP server listens. Valid after <see cref="StartAsync"/>.</summary>
    public IPEndPoint Endpoint => _http?.Endpoint ?? throw new InvalidOperationException("The camera simulator has not been started.");

    /// <summary>Frames rendered and encoded so far.</summary>
    public long FramesEncoded => Interlocked.Read(ref _encoded);

    public int StreamClients => Volatile.Read(ref _streamClients);

    public CameraFrame? LatestFrame
    {
        get
        {
            lock (_gate)
            {
                return _latest;
            }
        }
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        _http = await SimulatorHttpServer.StartAsync(_options.BindAddress, _options.Port, HandleAsync, cancellationToken);
        CameraLog.Listening(_logger, _http.Endpoint);
        _producer = Task.Run(() => ProduceAsync(_stop.Token), CancellationToken.None);
    }

    /// <summary>Renders and encodes one frame at a lane time, outside the live stream and its faults (recording, benchmarks).</summary>
    public byte[] EncodeFrameAt(double laneTimeS)
    {
        lock (_renderGate)
        {
            _source.Render(laneTimeS, _frame);
            Cv2.ImEncode(".jpg", _frame, out byte[] jpeg, _jpegParams);
            Interlocked.Increment(ref _encoded);
            return jpeg;
        }
    }

    /// <summary>The first frame with a sequence above <paramref name="afterSequence"/>; asks the producer to run meanwhile.</summary>
    public async Task<CameraFrame> NextFrameAsync(long afterSequence, CancellationToken cancellationToken)
    {
        AddDemand(1);
        try
        {
            while (true)
            {
                Task<CameraFrame> next;
                lock (_gate)
                {
                    if (_latest is { } latest && latest.Sequence > afterSequence)
                    {
                        return latest;
                    }

                    next = _next.Task;
                }

                await next.WaitAsync(cancellationToken);
            }
        }
        finally
        {
            AddDemand(-1);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stop.CancelAsync();
        if (_http is not null)
        {
            await _http.DisposeAsync();
        }

        try
        {
            await _producer;
        }
        catch (OperationCanceledException)
        {
            // Shutdown.
        }

        _stop.Dispose();
        _demandSignal.Dispose();
        _frame.Dispose();
        _source.Dispose();
    }

    private void AddDemand(int delta)
    {
        // Wake the producer only on the first viewer: it re-checks the demand every frame anyway.
        if (Interlocked.Add(ref _demand, delta) == 1 && delta > 0)
        {
            _demandSignal.Release();
        }
    }

    private async Task ProduceAsync(CancellationToken ct)
    {
        var time = _clock.TimeProvider;
        long nextDue = time.GetTimestamp();
        while (!ct.IsCancellationRequested)
        {
            if (Volatile.Read(ref _demand) <= 0)
            {
                await _demandSignal.WaitAsync(ct);
                nextDue = time.GetTimestamp();
                continue;
            }

            double fps = Faults.IsActive(DeviceFaultKind.Slow) ? _options.SlowFps : _options.Fps;
            long period = (long)(time.TimestampFrequency / fps);
            if (!Faults.IsActive(DeviceFaultKind.Stall))
            {
                try
                {
                    Publish(Produce());
                }
                catch (OpenCvSharpException ex)
                {
                    CameraLog.RenderFailed(_logger, ex);
                }
            }

            // Fixed-rate schedule on the monotonic clock; after a hiccup, resume rather than burst.
            nextDue += period;
            long now = time.GetTimestamp();
            if (nextDue < now - period)
            {
                nextDue = now;
            }

            var wait = TimeSpan.FromSeconds(Math.Max(0, nextDue - now) / (double)time.TimestampFrequency);
            await Task.Delay(wait, time, ct);
        }
    }

    private CameraFrame Produce()
    {
        // The moment of capture: the scene is rendered at this lane time, and the frame is stamped with the wall-clock
        // time of the same instant (taken before encoding, which can take tens of ms on a busy machine), so a reader can
        // place the image on the belt by when it was taken, not when it arrived.
        double laneTime = _clock.ElapsedSeconds;
        var capturedUtc = _clock.TimeProvider.GetUtcNow();
        var previous = LatestFrame;
        byte[] jpeg = Faults.IsActive(DeviceFaultKind.FrozenFrames) && previous is not null
            ? previous.Jpeg
            : EncodeFrameAt(laneTime);
        if (Faults.IsActive(DeviceFaultKind.CorruptJpeg))
        {
            jpeg = Corrupt(jpeg);
        }

        long sequence = Interlocked.Increment(ref _sequence);
        // A clock-offset fault shifts only the timestamp the camera stamps on the frame (X-Frame-Timestamp).
        return new CameraFrame(sequence, capturedUtc + Faults.ClockOffset, laneTime, jpeg);
    }

    private byte[] Corrupt(byte[] jpeg)
    {
        // Cut the end off (no EOI marker) and flip bytes in the entropy-coded data.
        var bad = jpeg.AsSpan(0, Math.Max(8, jpeg.Length * 6 / 10)).ToArray();
        lock (_noise)
        {
            for (int i = 0; i < 16; i++)
            {
                bad[_noise.Next(Math.Min(bad.Length - 1, 600), bad.Length)] ^= 0x5A;
            }
        }

        return bad;
    }

    private void Publish(CameraFrame frame)
    {
        TaskCompletionSource<CameraFrame> done;
        lock (_gate)
        {
            _latest = frame;
            done = _next;
            _next = new TaskCompletionSource<CameraFrame>(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        done.SetResult(frame);
    }

    private async Task HandleAsync(HttpContext context)
    {
        if (Faults.IsActive(DeviceFaultKind.Disconnect))
        {
            context.Abort();
            return;
        }

        switch (context.Request.Path.Value)
        {
            case "/stream.mjpg":
                await StreamAsync(context);
                break;
            case "/snapshot.jpg":
                await SnapshotAsync(context);
                break;
            case "/" or "/index.html":
                context.Response.ContentType = "text/html; charset=utf-8";
                await context.Response.WriteAsync("<!doctype html><title>SmartCustoms camera simulator</title><img src=\"/stream.mjpg\" alt=\"belt camera\">", context.RequestAborted);
                break;
            default:
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                await context.Response.WriteAsync("Not found: this camera serves /stream.mjpg and /snapshot.jpg\n", context.RequestAborted);
                break;
        }
    }

    private async Task SnapshotAsync(HttpContext context)
    {
        var ct = context.RequestAborted;
        var frame = await NextFrameAsync(LatestFrame?.Sequence ?? 0, ct);
        var response = context.Response;
        response.ContentType = "image/jpeg";
        response.Headers.CacheControl = "no-store";
        SetFrameHeaders(response.Headers, frame);
        byte[] body = Faults.IsActive(DeviceFaultKind.Garbage) ? Garbage(frame.Jpeg.Length) : frame.Jpeg;
        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body, ct);
    }

    private async Task StreamAsync(HttpContext context)
    {
        var ct = context.RequestAborted;
        var response = context.Response;
        response.ContentType = "multipart/x-mixed-replace; boundary=" + Boundary;
        response.Headers.CacheControl = "no-cache, no-store";
        int clients = Interlocked.Increment(ref _streamClients);
        CameraLog.StreamStarted(_logger, context.Connection.RemoteIpAddress?.ToString(), clients);
        try
        {
            long last = 0;
            while (!ct.IsCancellationRequested)
            {
                var frame = await NextFrameAsync(last, ct);
                last = frame.Sequence;
                if (Faults.IsActive(DeviceFaultKind.Disconnect))
                {
                    context.Abort();
                    return;
                }

                if (Faults.IsActive(DeviceFaultKind.Garbage))
                {
                    await response.Body.WriteAsync(Garbage(512), ct);
                    await response.Body.FlushAsync(ct);
                    continue;
                }

                string header = string.Create(
                    CultureInfo.InvariantCulture,
                    $"--{Boundary}\r\nContent-Type: image/jpeg\r\nContent-Length: {frame.Jpeg.Length}\r\nX-Frame-Sequence: {frame.Sequence}\r\nX-Frame-Timestamp: {Timestamp(frame)}\r\nX-Frame-Lane-Time: {frame.LaneTimeS:F3}\r\n\r\n");
                await response.Body.WriteAsync(Encoding.ASCII.GetBytes(header), ct);
                await response.Body.WriteAsync(frame.Jpeg, ct);
                await response.Body.WriteAsync("\r\n"u8.ToArray(), ct);
                await response.Body.FlushAsync(ct);
            }
        }
        catch (OperationCanceledException)
        {
            // The viewer left or the camera stops.
        }
        finally
        {
            CameraLog.StreamEnded(_logger, context.Connection.RemoteIpAddress?.ToString(), Interlocked.Decrement(ref _streamClients));
        }
    }

    private static void SetFrameHeaders(IHeaderDictionary headers, CameraFrame frame)
    {
        headers["X-Frame-Sequence"] = frame.Sequence.ToString(CultureInfo.InvariantCulture);
        headers["X-Frame-Timestamp"] = Timestamp(frame);
        headers["X-Frame-Lane-Time"] = frame.LaneTimeS.ToString("F3", CultureInfo.InvariantCulture);
    }

    /// <summary>UTC, ISO 8601 with milliseconds, e.g. 2026-11-27T05:40:00.123Z.</summary>
    private static string Timestamp(CameraFrame frame) => frame.TimestampUtc.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private byte[] Garbage(int length)
    {
        var bytes = new byte[Math.Max(16, length)];
        lock (_noise)
        {
            _noise.NextBytes(bytes);
        }

        return bytes;
    }
}
