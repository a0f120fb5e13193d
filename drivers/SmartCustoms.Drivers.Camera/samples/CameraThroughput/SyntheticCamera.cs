using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using OpenCvSharp;

namespace CameraThroughput;

/// <summary>An MJPEG camera on a raw socket: minimal HTTP/1.1, then parts with Content-Length, sequence and timestamp.</summary>
internal sealed class SyntheticCamera : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly byte[][] _images;
    private readonly double _fps;
    private readonly Task _serving;

    public SyntheticCamera(byte[][] images, double fps)
    {
        _images = images;
        _fps = fps;
        _listener.Start();
        _serving = ServeAsync();
    }

    public Uri StreamUri => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/stream.mjpg");

    /// <summary>Textured images (noise + shapes) so they compress like a real scene, not like a flat test card.</summary>
    public static byte[][] MakeJpegs(int count, int width, int height)
    {
        var result = new byte[count][];
        for (var i = 0; i < count; i++)
        {
            using var image = new Mat(height, width, MatType.CV_8UC3);
            Cv2.Randu(image, new Scalar(0, 0, 0), new Scalar(255, 255, 255));
            Cv2.GaussianBlur(image, image, new Size(5, 5), 0);
            Cv2.Circle(image, new Point((i * 41) % width, height / 2), 80, new Scalar(30, 30, 200), -1);
            Cv2.ImEncode(".jpg", image, out result[i], new ImageEncodingParam(ImwriteFlags.JpegQuality, 85));
        }

        return result;
    }

    private async Task ServeAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                _ = Task.Run(() => StreamAsync(client));
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task StreamAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                var request = new byte[4096];
                _ = await stream.ReadAsync(request, _stop.Token); // the GET; one read is enough on loopback
                await stream.WriteAsync("HTTP/1.1 200 OK\r\nContent-Type: multipart/x-mixed-replace; boundary=frame\r\nConnection: close\r\n\r\n"u8.ToArray(), _stop.Token);
                var period = _fps > 0 ? TimeSpan.FromSeconds(1 / _fps) : TimeSpan.Zero;
                var started = TimeProvider.System.GetTimestamp();
                for (long sequence = 1; !_stop.IsCancellationRequested; sequence++)
                {
                    var image = _images[sequence % _images.Length];
                    var header = string.Create(CultureInfo.InvariantCulture,
                        $"--frame\r\nContent-Type: image/jpeg\r\nContent-Length: {image.Length}\r\nX-Frame-Sequence: {sequence}\r\nX-Frame-Timestamp: {DateTimeOffset.UtcNow:O}\r\n\r\n");
                    await stream.WriteAsync(Encoding.ASCII.GetBytes(header), _stop.Token);
                    await stream.WriteAsync(image, _stop.Token);
                    await stream.WriteAsync("\r\n"u8.ToArray(), _stop.Token);
                    if (period > TimeSpan.Zero)
                    {
                        var due = period * sequence - TimeProvider.System.GetElapsedTime(started);
                        if (due > TimeSpan.Zero)
                        {
                            await Task.Delay(due, _stop.Token);
                        }
                    }
                }
            }
            catch (Exception ex) when (ex is OperationCanceledException or IOException or SocketException)
            {
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _serving;
        _stop.Dispose();
    }
}
