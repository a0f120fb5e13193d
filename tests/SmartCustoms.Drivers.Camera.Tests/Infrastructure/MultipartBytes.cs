using System.Text;

namespace SmartCustoms.Drivers.Camera.Tests.Infrastructure;

/// <summary>Builds multipart/x-mixed-replace byte streams part by part, the way various cameras write them.</summary>
internal sealed class MultipartBytes
{
    private readonly List<byte> _bytes = [];

    public MultipartBytes Text(string text)
    {
        var bytes = Encoding.ASCII.GetBytes(text);
        _bytes.AddRange(bytes);
        return this;
    }

    public MultipartBytes Raw(byte[] bytes)
    {
        _bytes.AddRange(bytes);
        return this;
    }

    /// <summary>A standard part: delimiter line, headers, blank line, body, CRLF.</summary>
    public MultipartBytes Part(string delimiterLine, byte[] body, bool contentLength = true, long? sequence = null, string? timestamp = null, string newline = "\r\n")
    {
        Text(delimiterLine + newline);
        Text("Content-Type: image/jpeg" + newline);
        if (contentLength)
        {
            Text($"Content-Length: {body.Length}{newline}");
        }

        if (sequence is not null)
        {
            Text($"X-Frame-Sequence: {sequence}{newline}");
        }

        if (timestamp is not null)
        {
            Text($"X-Frame-Timestamp: {timestamp}{newline}");
        }

        Text(newline);
        Raw(body);
        Text(newline);
        return this;
    }

    public byte[] ToArray() => _bytes.ToArray();
}
