using System.Globalization;
using System.Text;

namespace SmartCustoms.Simulators.Tests.Camera;

/// <summary>A strict reader of multipart/x-mixed-replace: boundary line, headers, exactly Content-Length bytes, CRLF.</summary>
internal sealed class MjpegReader(Stream stream, string boundary)
{
    private readonly byte[] _one = new byte[1];

    public async Task<MjpegPart> ReadPartAsync(CancellationToken ct)
    {
        string line;
        do
        {
            line = await ReadLineAsync(ct);
        }
        while (line.Length == 0);

        if (line != "--" + boundary)
        {
            throw new InvalidDataException($"expected boundary '--{boundary}', got '{line}'");
        }

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        while ((line = await ReadLineAsync(ct)).Length > 0)
        {
            int colon = line.IndexOf(':', StringComparison.Ordinal);
            headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
        }

        int length = int.Parse(headers["Content-Length"], CultureInfo.InvariantCulture);
        var body = new byte[length];
        await stream.ReadExactlyAsync(body, ct);
        return new MjpegPart(headers, body);
    }

    private async Task<string> ReadLineAsync(CancellationToken ct)
    {
        var sb = new StringBuilder();
        while (true)
        {
            await stream.ReadExactlyAsync(_one, ct);
            if (_one[0] == '\n')
            {
                return sb.ToString().TrimEnd('\r');
            }

            sb.Append((char)_one[0]);
        }
    }
}
