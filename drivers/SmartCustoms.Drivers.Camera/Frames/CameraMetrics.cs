using System.Diagnostics.Metrics;
using SmartCustoms.Drivers.Abstractions.Camera;

namespace SmartCustoms.Drivers.Camera.Frames;

/// <summary>
/// Counters of one camera, published on the meter <c>SmartCustoms.Drivers.Camera</c> (tag <c>device</c>)
/// and mirrored as totals for <see cref="IFrameSource.Counters"/>. Thread-safe.
/// </summary>
public sealed class CameraMetrics : IDisposable
{
    public const string MeterName = "SmartCustoms.Drivers.Camera";

    private readonly Meter? _ownedMeter;
    private readonly Counter<long> _frames;
    private readonly Counter<long> _dropped;
    private readonly Counter<long> _late;
    private readonly Counter<long> _corrupt;
    private readonly Counter<long> _frozen;
    private readonly Counter<long> _reconnects;
    private readonly Counter<long> _protocolErrors;
    private readonly Counter<long> _bytes;
    private readonly Counter<long> _badTimestamps;
    private readonly KeyValuePair<string, object?> _deviceTag;
    private long _received;
    private long _droppedTotal;
    private long _lateTotal;
    private long _corruptTotal;
    private long _frozenTotal;
    private long _reconnectsTotal;
    private long _protocolErrorsTotal;
    private long _badTimestampsTotal;

    /// <param name="meterFactory">The host's factory; without one the metrics own a private meter.</param>
    public CameraMetrics(string deviceName, IMeterFactory? meterFactory)
    {
        var meter = meterFactory?.Create(new MeterOptions(MeterName)) ?? (_ownedMeter = new Meter(MeterName));
        _deviceTag = new("device", deviceName);
        _frames = meter.CreateCounter<long>("sc.camera.frames", "{frame}", "Good frames delivered");
        _dropped = meter.CreateCounter<long>("sc.camera.dropped_frames", "{frame}", "Frames missing from the device's sequence numbers");
        _late = meter.CreateCounter<long>("sc.camera.late_frames", "{frame}", "Frames older than the age limit on arrival");
        _corrupt = meter.CreateCounter<long>("sc.camera.corrupt_frames", "{frame}", "Frames skipped because the JPEG was invalid");
        _frozen = meter.CreateCounter<long>("sc.camera.frozen_frames", "{frame}", "Frames delivered while the image was frozen");
        _reconnects = meter.CreateCounter<long>("sc.camera.reconnects", "{connection}", "Reconnects after a failure");
        _protocolErrors = meter.CreateCounter<long>("sc.camera.protocol_errors", "{stream}", "Streams abandoned for bytes that break the protocol");
        _bytes = meter.CreateCounter<long>("sc.camera.jpeg_bytes", "By", "JPEG bytes delivered");
        _badTimestamps = meter.CreateCounter<long>("sc.camera.bad_timestamps", "{frame}", "Frames whose device capture time was not believable (placed by arrival instead)");
    }

    /// <summary>Frames whose device capture time was not believable (clock error); they were placed by arrival time.</summary>
    public long BadTimestamps => Interlocked.Read(ref _badTimestampsTotal);

    public CameraCounters Snapshot() => new(
        Interlocked.Read(ref _received),
        Interlocked.Read(ref _droppedTotal),
        Interlocked.Read(ref _lateTotal),
        Interlocked.Read(ref _corruptTotal),
        Interlocked.Read(ref _frozenTotal),
        Interlocked.Read(ref _reconnectsTotal),
        Interlocked.Read(ref _protocolErrorsTotal));

    internal void Frame(int jpegBytes)
    {
        Interlocked.Increment(ref _received);
        _frames.Add(1, _deviceTag);
        _bytes.Add(jpegBytes, _deviceTag);
    }

    internal void Dropped(long count)
    {
        Interlocked.Add(ref _droppedTotal, count);
        _dropped.Add(count, _deviceTag);
    }

    internal void Late()
    {
        Interlocked.Increment(ref _lateTotal);
        _late.Add(1, _deviceTag);
    }

    internal void Corrupt()
    {
        Interlocked.Increment(ref _corruptTotal);
        _corrupt.Add(1, _deviceTag);
    }

    internal void Frozen()
    {
        Interlocked.Increment(ref _frozenTotal);
        _frozen.Add(1, _deviceTag);
    }

    internal void Reconnect()
    {
        Interlocked.Increment(ref _reconnectsTotal);
        _reconnects.Add(1, _deviceTag);
    }

    internal void BadTimestamp()
    {
        Interlocked.Increment(ref _badTimestampsTotal);
        _badTimestamps.Add(1, _deviceTag);
    }

    internal void ProtocolError()
    {
        Interlocked.Increment(ref _protocolErrorsTotal);
        _protocolErrors.Add(1, _deviceTag);
    }

    public void Dispose() => _ownedMeter?.Dispose();
}
