using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace SmartCustoms.Drivers.Camera.Tests.Infrastructure;

/// <summary>What the test server does to its stream right now.</summary>
internal enum StreamMode
{
    Normal,
    Stall,
    Garbage,
    Frozen,
}

/// <summary>
/// An MJPEG camera on 127.0.0.1 (Kestrel, free port) for integration tests: streams the given JPEGs with
/// sequence numbers and timestamps, and can stall, send garbage, freeze, corrupt frames or skip sequence numbers.
/// </summary>
internal sealed class MjpegTestServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly byte[][] _images;
    private long _sequence;
    private int _corruptNext;
    private int _skipNext;

    private MjpegTestServer(WebApplication app, byte[][] images, int port)
    {
        _app = app;
        _images = images;
        Port = port;
    }

    public int Port { get; }

    public Uri StreamUri => new($"http://127.0.0.1:{Port}/stream.mjpg");

    private volatile StreamMode _mode;

    public StreamMode Mode
    {
        get => _mode;
        set => _mode = value;
    }

    /// <summary>Send the boundary parameter quoted, and parts without Content-Length (camera style variations).</summary>
    public bool QuotedBoundaryWithoutLengths { get; init; }

    public TimeSpan FramePeriod { get; init; } = TimeSpan.FromMilliseconds(20);

    public long FramesSent => Interlocked.Read(ref _sequence);

    public void CorruptNext(int count) => Interlocked.Exchange(ref _corruptNext, count);

    public void SkipSequenceNumbers(int count) => Interlocked.Exchange(ref _skipNext, count);

    public static async Task<MjpegTestServer> StartAsync(byte[][] images, int port = 0, bool quotedBoundaryWithoutLengths = false, TimeSpan? framePeriod = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, port));
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(1));
        var app = builder.Build();
        MjpegTestServer? server = null;
        app.MapGet("/stream.mjpg", (HttpContext context) => server!.StreamAsync(context));
        app.MapGet("/snapshot.jpg", (HttpContext context) => server!.SnapshotAsync(context));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server = new MjpegTestServer(app, images, new Uri(address).Port)
        {
            QuotedBoundaryWithoutLengths = quotedBoundaryWithoutLengths,
            FramePeriod = framePeriod ?? TimeSpan.FromMilliseconds(20),
        };
        return server;
    }

    public async Task StopAsync() => await _app.StopAsync();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task StreamAsync(HttpContext context)
    {
        var stopping = context.RequestServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
        var token = linked.Token;
        context.Response.ContentType = QuotedBoundaryWithoutLengths
            ? "multipart/x-mixed-replace; boundary=\"frame\""
            : "multipart/x-mixed-replace; boundary=frame";
        var body = context.Response.Body;
        var random = new Random(7);
        try
        {
            while (!token.IsCancellationRequested)
            {
                switch (Mode)
                {
                    case StreamMode.Stall:
                        await Task.Delay(20, token);
                        continue;
                    case StreamMode.Garbage:
                        var garbage = new byte[4096];
                        random.NextBytes(garbage);
                        await body.WriteAsync(garbage, token);
                        await body.FlushAsync(token);
                        await Task.Delay(FramePeriod, token);
                        continue;
                }

                var sequence = Interlocked.Increment(ref _sequence);
                var skip = Interlocked.Exchange(ref _skipNext, 0);
                if (skip > 0)
                {
                    sequence = Interlocked.Add(ref _sequence, skip);
                }

                var image = Mode == StreamMode.Frozen ? _images[0] : _images[sequence % _images.Length];
                if (Interlocked.Decrement(ref _corruptNext) >= 0)
                {
                    image = image[..(image.Length / 2)];
                }

                var headers = new StringBuilder("--frame\r\nContent-Type: image/jpeg\r\n");
                if (!QuotedBoundaryWithoutLengths)
                {
                    headers.Append(CultureInfo.InvariantCulture, $"Content-Length: {image.Length}\r\n");
                }

                headers.Append(CultureInfo.InvariantCulture, $"X-Frame-Sequence: {sequence}\r\n");
                headers.Append(CultureInfo.InvariantCulture, $"X-Frame-Timestamp: {DateTimeOffset.UtcNow:O}\r\n\r\n");
                await body.WriteAsync(Encoding.ASCII.GetBytes(headers.ToString()), token);
                await body.WriteAsync(image, token);
                await body.WriteAsync("\r\n"u8.ToArray(), token);
                await body.FlushAsync(token);
                await Task.Delay(FramePeriod, token);
            }
        }
        catch (OperationCanceledException)
        {
            // The client went away or the server is stopping.
        }
        catch (IOException)
        {
        }
    }

    private async Task SnapshotAsync(HttpContext context)
    {
        context.Response.ContentType = "image/jpeg";
        context.Response.Headers["X-Frame-Sequence"] = "99";
        await context.Response.Body.WriteAsync(_images[0]);
    }
}
