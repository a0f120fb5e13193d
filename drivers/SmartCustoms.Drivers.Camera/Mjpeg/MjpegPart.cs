using SmartCustoms.Drivers.Camera.Frames;

namespace SmartCustoms.Drivers.Camera.Mjpeg;

/// <summary>
/// One part of a multipart stream: its headers of interest and its body in a pooled buffer.
/// The part owns the body until <see cref="DetachBody"/> hands it on. Not thread-safe.
/// </summary>
internal sealed class MjpegPart : IDisposable
{
    private PooledBuffer? _body;

    public MjpegPart(PooledBuffer body, string? contentType, long? contentLength, string? sequence, string? timestamp)
    {
        _body = body;
        ContentType = contentType;
        ContentLength = contentLength;
        Sequence = sequence;
        Timestamp = timestamp;
    }

    public string? ContentType { get; }

    /// <summary>The Content-Length header, or null when the body was found by scanning for the next boundary.</summary>
    public long? ContentLength { get; }

    /// <summary>The raw X-Frame-Sequence header.</summary>
    public string? Sequence { get; }

    /// <summary>The raw X-Frame-Timestamp header.</summary>
    public string? Timestamp { get; }

    public ReadOnlySpan<byte> Body => (_body ?? throw new ObjectDisposedException(nameof(MjpegPart))).Span;

    /// <summary>Hands the body's buffer to the caller, who must dispose it.</summary>
    public PooledBuffer DetachBody()
    {
        var body = _body ?? throw new ObjectDisposedException(nameof(MjpegPart));
        _body = null;
        return body;
    }

    public void Dispose()
    {
        _body?.Dispose();
        _body = null;
    }
}
