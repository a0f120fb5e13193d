namespace SmartCustoms.Drivers.Abstractions.Camera;

/// <summary>
/// One image from a camera, always as an encoded JPEG and, when the source was asked for it (or decoded
/// anyway), also as BGR pixels.
/// Ownership: the JPEG bytes and the pixels live in pooled buffers owned by this frame. They are valid
/// until <see cref="Dispose"/>; after that the properties throw <see cref="ObjectDisposedException"/>.
/// A consumer that keeps an image beyond the frame's life copies it (<c>frame.Jpeg.ToArray()</c>).
/// Forgetting to dispose is safe (the buffers are then collected instead of reused), only slower.
/// Not thread-safe: one owner at a time.
/// </summary>
public sealed class CameraFrame : IDisposable
{
    private readonly ReadOnlyMemory<byte> _jpeg;
    private readonly FramePixels? _pixels;
    private IDisposable? _owner;
    private bool _disposed;

    /// <param name="cameraName">The camera's configured name.</param>
    /// <param name="sequence">The device's sequence number when it sends one, else the source's own count (from 1).</param>
    /// <param name="sequenceFromDevice">True when <paramref name="sequence"/> came from the device.</param>
    /// <param name="deviceTime">The device's capture time when it sends one.</param>
    /// <param name="hostTime">Wall-clock time on the gateway when the frame arrived (display and records).</param>
    /// <param name="hostTimestamp">Monotonic <see cref="TimeProvider.GetTimestamp"/> when it arrived (ordering, latency).</param>
    /// <param name="width">Image width in pixels.</param>
    /// <param name="height">Image height in pixels.</param>
    /// <param name="jpeg">The encoded image (starts with FF D8, ends with FF D9).</param>
    /// <param name="pixels">The decoded image, or null when it was not decoded.</param>
    /// <param name="isRepeat">True when the image is byte-identical to the previous frame of the same source.</param>
    /// <param name="owner">Releases the buffers behind <paramref name="jpeg"/> and <paramref name="pixels"/>; null when they are plain GC memory.</param>
    /// <param name="captureTimestamp">
    /// Monotonic <see cref="TimeProvider.GetTimestamp"/> of the moment the image was captured (what places it on a moving
    /// belt); null = <paramref name="hostTimestamp"/> (arrival).
    /// </param>
    /// <param name="captureTimeFromDevice">True when <paramref name="captureTimestamp"/> was derived from the device's own capture time.</param>
    public CameraFrame(
        string cameraName,
        ulong sequence,
        bool sequenceFromDevice,
        DateTimeOffset? deviceTime,
        DateTimeOffset hostTime,
        long hostTimestamp,
        int width,
        int height,
        ReadOnlyMemory<byte> jpeg,
        FramePixels? pixels,
        bool isRepeat,
        IDisposable? owner,
        long? captureTimestamp = null,
        bool captureTimeFromDevice = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(cameraName);
        ArgumentOutOfRangeException.ThrowIfNegative(width);
        ArgumentOutOfRangeException.ThrowIfNegative(height);
        CameraName = cameraName;
        Sequence = sequence;
        SequenceFromDevice = sequenceFromDevice;
        DeviceTime = deviceTime;
        HostTime = hostTime;
        HostTimestamp = hostTimestamp;
        CaptureTimestamp = captureTimestamp ?? hostTimestamp;
        CaptureTimeFromDevice = captureTimestamp.HasValue && captureTimeFromDevice;
        Width = width;
        Height = height;
        _jpeg = jpeg;
        _pixels = pixels;
        IsRepeat = isRepeat;
        _owner = owner;
    }

    public string CameraName { get; }

    public ulong Sequence { get; }

    public bool SequenceFromDevice { get; }

    public DateTimeOffset? DeviceTime { get; }

    public DateTimeOffset HostTime { get; }

    public long HostTimestamp { get; }

    /// <summary>
    /// Monotonic timestamp (<see cref="TimeProvider.GetTimestamp"/> of the reading host) of the capture: from the
    /// device's capture time when it sent a usable one, else arrival minus the source's configured capture latency.
    /// </summary>
    public long CaptureTimestamp { get; }

    /// <summary>True when <see cref="CaptureTimestamp"/> came from the device's own capture time.</summary>
    public bool CaptureTimeFromDevice { get; }

    public int Width { get; }

    public int Height { get; }

    /// <summary>True when the image is byte-identical to the previous frame (a frozen camera repeats itself).</summary>
    public bool IsRepeat { get; }

    /// <summary>The encoded JPEG; valid until the frame is disposed.</summary>
    public ReadOnlyMemory<byte> Jpeg
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _jpeg;
        }
    }

    /// <summary>The decoded BGR image, or null when the frame was not decoded; valid until the frame is disposed.</summary>
    public FramePixels? Pixels
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _pixels;
        }
    }

    public bool HasPixels => _pixels is not null;

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        var owner = _owner;
        _owner = null;
        owner?.Dispose();
    }
}
