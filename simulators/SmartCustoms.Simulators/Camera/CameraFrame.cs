namespace SmartCustoms.Simulators.Camera;

/// <summary>One encoded frame: its sequence number (from 1), when it was taken (UTC and lane time) and the JPEG bytes.</summary>
public sealed record CameraFrame(long Sequence, DateTimeOffset TimestampUtc, double LaneTimeS, byte[] Jpeg);
