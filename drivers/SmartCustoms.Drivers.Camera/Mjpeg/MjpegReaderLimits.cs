namespace SmartCustoms.Drivers.Camera.Mjpeg;

/// <summary>
/// Hard limits of the multipart reader: whatever a camera sends, the reader never holds more than
/// about <see cref="MaxPartBytes"/> × 2 + <see cref="ReadBufferBytes"/> bytes for one connection.
/// </summary>
/// <param name="MaxPartBytes">Largest image accepted (by Content-Length or by scanning for the next boundary).</param>
/// <param name="MaxHeaderBytes">Most bytes of part headers, and of junk skipped while looking for a boundary.</param>
/// <param name="MaxLineBytes">Longest single header or boundary line.</param>
/// <param name="MaxHeaderCount">Most header lines in one part.</param>
/// <param name="ReadBufferBytes">Size of the reader's window on the stream.</param>
public sealed record MjpegReaderLimits(
    int MaxPartBytes = MjpegReaderLimits.DefaultMaxPartBytes,
    int MaxHeaderBytes = MjpegReaderLimits.DefaultMaxHeaderBytes,
    int MaxLineBytes = 4096,
    int MaxHeaderCount = 64,
    int ReadBufferBytes = 64 * 1024)
{
    public const int DefaultMaxPartBytes = 8 * 1024 * 1024;
    public const int DefaultMaxHeaderBytes = 16 * 1024;

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxPartBytes, 1024, nameof(MaxPartBytes));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxLineBytes, 128, nameof(MaxLineBytes));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxHeaderBytes, MaxLineBytes, nameof(MaxHeaderBytes));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxHeaderCount, 1, nameof(MaxHeaderCount));
        // A whole line plus the scanning tail must fit the window.
        ArgumentOutOfRangeException.ThrowIfLessThan(ReadBufferBytes, (MaxLineBytes * 2) + 1024, nameof(ReadBufferBytes));
    }
}
