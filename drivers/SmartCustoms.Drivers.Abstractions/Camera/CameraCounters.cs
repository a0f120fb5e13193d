namespace SmartCustoms.Drivers.Abstractions.Camera;

/// <summary>A snapshot of a camera's frame counters since the source was created.</summary>
/// <param name="Received">Good frames delivered to the consumer.</param>
/// <param name="Dropped">Frames the device numbered but never delivered (gaps in its sequence numbers).</param>
/// <param name="Late">Delivered frames older than the configured age limit when they arrived (needs device timestamps).</param>
/// <param name="Corrupt">Frames skipped because their image was not a valid JPEG (or failed to decode).</param>
/// <param name="Frozen">Delivered frames identical to the frames before them once the frozen-image threshold was reached.</param>
/// <param name="Reconnects">Connections (or processes, or captures) opened again after a failure.</param>
/// <param name="ProtocolErrors">Streams abandoned because the bytes did not follow the protocol (malformed, oversized, truncated).</param>
public sealed record CameraCounters(
    long Received,
    long Dropped,
    long Late,
    long Corrupt,
    long Frozen,
    long Reconnects,
    long ProtocolErrors);
