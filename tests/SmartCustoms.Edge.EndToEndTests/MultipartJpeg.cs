using System.Globalization;
using System.Text;

namespace SmartCustoms.Edge.EndToEndTests;

/// <summary>Reads parts of a <c>multipart/x-mixed-replace</c> MJPEG stream by hand (headers, Content-Length, body).</summary>
internal static class MultipartJpeg
{
    public static async Task<List<(ulong Sequence, byte[] Jpeg)>> ReadPartsAsync(Stream stream, int count, TimeSpan within)
    {
        using var timeout = new CancellationTokenSource(within);
        var parts = new List<(ulong, byte[])>();
        while (parts.Count < count)
        {
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            string line;
            do
            {
                line = await ReadLineAsync(stream, timeout.Token);
            }
            while (!line.StartsWith("--", StringComparison.Ordinal));

            while ((line = await ReadLineAsync(stream, timeout.Token)).Length > 0)
            {
                var colon = line.IndexOf(':', StringComparison.Ordinal);
                headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
            }

            var body = new byte[int.Parse(headers["Content-Length"], CultureInfo.InvariantCulture)];
            await stream.ReadExactlyAsync(body, timeout.Token);
            parts.Add((ulong.Parse(headers["X-Frame-Sequence"], CultureInfo.InvariantCulture), body));
        }

        return parts;
    }

    private static async Task<string> ReadLineAsync(Stream stream, CancellationToken ct)
    {
        var bytes = new List<byte>();
        var one = new byte[1];
        while (true)
        {
            await stream.ReadExactlyAsync(one, ct);
            if (one[0] == '\n')
            {
                return Encoding.ASCII.GetString([.. bytes]).TrimEnd('\r');
            }

            bytes.Add(one[0]);
        }
    }
}
