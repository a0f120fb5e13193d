using System.Diagnostics.Metrics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using SmartCustoms.Drivers.Abstractions;
using SmartCustoms.Drivers.Abstractions.Camera;
using SmartCustoms.Drivers.Camera.Frames;

namespace SmartCustoms.Drivers.Camera.Mjpeg;

/// <summary>
/// An IP camera (or the simulator) serving MJPEG over HTTP: <c>GET</c> of a multipart/x-mixed-replace stream,
/// one JPEG per part, read with the own <see cref="MultipartMjpegReader"/> (OpenCV's FFmpeg has no network here).
/// Stall (no frame for <see cref="CameraOptions.StallTimeout"/>) drops the link and marks the camera down;
/// failed connections count towards down; every failure reconnects with backoff, and the first good frame
/// brings the camera up again. Corrupt JPEGs are counted and skipped without dropping the link.
/// Thread-safety as <see cref="IFrameSource"/>; <see cref="FetchSnapshotAsync"/> may run beside the reader.
/// </summary>
public sealed class MjpegFrameSource : FrameSourceBase
{
    private readonly HttpClient _http;
    private readonly Uri _streamUri;
    private readonly string _streamText;
    private readonly Uri _snapshotUri;
    private readonly MjpegReaderLimits _limits;

    public MjpegFrameSource(CameraOptions options, TimeProvider time, ILogger<MjpegFrameSource> logger, IMeterFactory? meterFactory = null)
        : base(options, time, logger, meterFactory)
    {
        _streamUri = new Uri(options.Url, UriKind.Absolute);
        _streamText = _streamUri.ToString();
        _snapshotUri = string.IsNullOrWhiteSpace(options.SnapshotUrl)
            ? new Uri(_streamUri, "/snapshot.jpg")
            : new Uri(options.SnapshotUrl, UriKind.Absolute);
        _limits = options.ReaderLimits;
        _http = new HttpClient(new SocketsHttpHandler
        {
            ConnectTimeout = options.ConnectTimeout,
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(5),
        })
        {
            // Timeouts are ours (stall detection per frame); HttpClient's would cut a healthy endless stream.
            Timeout = Timeout.InfiniteTimeSpan,
        };
        _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("SmartCustoms.Edge", "1"));
    }

    protected override string SourceDescription => _streamText;

    /// <summary>Fetches one still image (<c>/snapshot.jpg</c> by default), decoded when <see cref="CameraOptions.DecodePixels"/> is set.</summary>
    /// <exception cref="DeviceException">The camera did not answer, answered with an error, or sent no valid JPEG.</exception>
    public async Task<CameraFrame> FetchSnapshotAsync(CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(Options.StallTimeout, Time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        PooledBuffer? body = null;
        IDisposable? pixelOwner = null;
        try
        {
            using var response = await _http.GetAsync(_snapshotUri, HttpCompletionOption.ResponseHeadersRead, linked.Token);
            if (!response.IsSuccessStatusCode)
            {
                throw new DeviceException($"{DeviceName}: snapshot {_snapshotUri} answered HTTP {(int)response.StatusCode} {response.ReasonPhrase}");
            }

            if (response.Content.Headers.ContentLength > _limits.MaxPartBytes)
            {
                throw new ProtocolException($"{DeviceName}: snapshot of {response.Content.Headers.ContentLength} bytes is larger than MaxPartBytes ({_limits.MaxPartBytes})");
            }

            body = new PooledBuffer(64 * 1024);
            await using (var stream = await response.Content.ReadAsStreamAsync(linked.Token))
            {
                var chunk = new byte[16 * 1024];
                int read;
                while ((read = await stream.ReadAsync(chunk, linked.Token)) > 0)
                {
                    if (body.Length + read > _limits.MaxPartBytes)
                    {
                        throw new ProtocolException($"{DeviceName}: snapshot is larger than MaxPartBytes ({_limits.MaxPartBytes})");
                    }

                    body.Append(chunk.AsSpan(0, read));
                }
            }

            var problem = JpegInspector.Inspect(body.Span, out var width, out var height);
            if (problem is not null)
            {
                throw new ProtocolException($"{DeviceName}: snapshot {_snapshotUri} is not a valid JPEG: {problem}");
            }

            FramePixels? pixels = null;
            if (Options.DecodePixels)
            {
                pixels = JpegCodec.Decode(body.Span, out pixelOwner)
                         ?? throw new ProtocolException($"{DeviceName}: snapshot {_snapshotUri} could not be decoded");
            }

            var sequence = response.Headers.TryGetValues("X-Frame-Sequence", out var values) ? FrameHeaderValues.Sequence(values.FirstOrDefault()) : null;
            var frame = new CameraFrame(
                Options.Name, sequence ?? 0, sequence.HasValue, null, Time.GetUtcNow(), Time.GetTimestamp(),
                width, height, body.Memory, pixels, isRepeat: false, CompositeOwner.Of(body, pixelOwner));
            body = null;
            pixelOwner = null;
            return frame;
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new DeviceException($"{DeviceName}: snapshot {_snapshotUri} did not arrive within {Options.StallTimeout.TotalSeconds:0.#} s");
        }
        catch (HttpRequestException ex)
        {
            throw new DeviceException($"{DeviceName}: snapshot {_snapshotUri} failed: {ex.Message}", ex);
        }
        finally
        {
            body?.Dispose();
            pixelOwner?.Dispose();
        }
    }

    protected override async IAsyncEnumerable<CameraFrame> ReadCoreAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Link? link = null;
        try
        {
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                CameraFrame? frame = null;
                string? failure = null;
                var stalled = false;
                try
                {
                    link ??= await OpenAsync(cancellationToken);
                    link.Watchdog.CancelAfter(Options.StallTimeout);
                    frame = await ReadFrameAsync(link);

                    // Disarm while the consumer holds the frame: a slow consumer is not a stalled camera.
                    link.Watchdog.CancelAfter(Timeout.InfiniteTimeSpan);
                }
                catch (Exception ex) when (!cancellationToken.IsCancellationRequested &&
                                           (ex is OperationCanceledException || link?.Watchdog.IsCancellationRequested == true))
                {
                    // The watchdog fired. A cancelled socket read may surface as IOException rather than
                    // OperationCanceledException; either way it is a stall, not a lost connection.
                    stalled = true;
                    failure = string.Create(CultureInfo.InvariantCulture, $"no frame for {Options.StallTimeout.TotalSeconds:0.0#} s from {_streamUri}");
                }
                catch (ProtocolException ex)
                {
                    Metrics.ProtocolError();
                    failure = $"bad MJPEG stream from {_streamUri}: {ex.Message}";
                }
                catch (DeviceException ex)
                {
                    failure = ex.Message;
                }
                catch (HttpRequestException ex)
                {
                    failure = $"cannot reach {_streamUri}: {Describe(ex)}";
                }
                catch (IOException ex)
                {
                    failure = $"connection to {_streamUri} lost: {ex.Message}";
                }

                if (failure is not null)
                {
                    link?.Dispose();
                    link = null;
                    if (stalled)
                    {
                        LogStall();
                    }

                    var delay = ReportFailure(failure, downNow: stalled);
                    await WaitBeforeRetryAsync(delay, cancellationToken);
                    continue;
                }

                if (frame is not null)
                {
                    yield return frame;
                }
            }
        }
        finally
        {
            link?.Dispose();
        }
    }

    protected override ValueTask ReleaseAsync()
    {
        _http.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task<Link> OpenAsync(CancellationToken cancellationToken)
    {
        var watchdog = new CancellationTokenSource(Options.StallTimeout, Time);
        var registration = cancellationToken.Register(static state => ((CancellationTokenSource)state!).Cancel(), watchdog);
        HttpResponseMessage? response = null;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, _streamUri);
            response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, watchdog.Token);
            if (!response.IsSuccessStatusCode)
            {
                throw new DeviceException($"{_streamUri} answered HTTP {(int)response.StatusCode} {response.ReasonPhrase}");
            }

            var boundary = MultipartBoundary.FromContentType(response.Content.Headers.ContentType?.ToString());
            var stream = await response.Content.ReadAsStreamAsync(watchdog.Token);
            CameraLog.Connected(Logger, DeviceName, _streamText);
            return new Link(response, stream, new MultipartMjpegReader(stream, boundary, _limits), watchdog, registration);
        }
        catch
        {
            response?.Dispose();
            await registration.DisposeAsync();
            watchdog.Dispose();
            throw;
        }
    }

    /// <returns>A frame, or null when the part was skipped (corrupt image, not an image).</returns>
    private async Task<CameraFrame?> ReadFrameAsync(Link link)
    {
        using var part = await link.Reader.ReadPartAsync(link.Watchdog.Token)
                         ?? throw new DeviceException($"{_streamUri} ended the stream");
        if (part.ContentType is { } type && !IsJpegType(type))
        {
            CameraLog.NonImagePart(Logger, DeviceName, type);
            return null;
        }

        var deviceSequence = FrameHeaderValues.Sequence(part.Sequence);
        var problem = JpegInspector.Inspect(part.Body, out var width, out var height);
        if (problem is not null)
        {
            CountCorrupt(deviceSequence, part.Body.Length, problem);
            return null;
        }

        FramePixels? pixels = null;
        IDisposable? pixelOwner = null;
        if (Options.DecodePixels)
        {
            pixels = JpegCodec.Decode(part.Body, out pixelOwner);
            if (pixels is null)
            {
                CountCorrupt(deviceSequence, part.Body.Length, "OpenCV could not decode it");
                return null;
            }
        }

        return CreateFrame(part.DetachBody(), width, height, pixels, pixelOwner, deviceSequence, FrameHeaderValues.Timestamp(part.Timestamp));
    }

    private static bool IsJpegType(string contentType)
    {
        var media = contentType.Split(';')[0].Trim();
        return media.Equals("image/jpeg", StringComparison.OrdinalIgnoreCase)
               || media.Equals("image/jpg", StringComparison.OrdinalIgnoreCase)
               || media.Equals("image/pjpeg", StringComparison.OrdinalIgnoreCase)
               || media.Length == 0;
    }

    private static string Describe(HttpRequestException ex) =>
        ex.InnerException is { } inner ? $"{ex.Message} ({inner.Message})" : ex.Message;

    /// <summary>One open HTTP stream and what reads it.</summary>
    private sealed class Link(
        HttpResponseMessage response,
        Stream stream,
        MultipartMjpegReader reader,
        CancellationTokenSource watchdog,
        CancellationTokenRegistration registration) : IDisposable
    {
        public MultipartMjpegReader Reader => reader;

        /// <summary>Cancels reads when no frame arrives in time (re-armed before each frame) or the reader is cancelled.</summary>
        public CancellationTokenSource Watchdog => watchdog;

        public void Dispose()
        {
            registration.Dispose();
            stream.Dispose();
            response.Dispose();
            watchdog.Dispose();
        }
    }
}
