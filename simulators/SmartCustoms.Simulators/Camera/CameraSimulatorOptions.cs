using System.Net;

namespace SmartCustoms.Simulators.Camera;

/// <summary>Settings of the simulated area-scan camera above the belt.</summary>
public sealed record CameraSimulatorOptions
{
    public IPAddress BindAddress { get; init; } = IPAddress.Loopback;

    /// <summary>HTTP port; 0 picks a free one (see <see cref="CameraSimulator.Endpoint"/>).</summary>
    public int Port { get; init; } = 8081;

    public int Width { get; init; } = 1280;

    public int Height { get; init; } = 720;

    public double Fps { get; init; } = 25;

    /// <summary>JPEG quality 1–100.</summary>
    public int JpegQuality { get; init; } = 80;

    /// <summary>Width of belt seen across the image, m (1,280 px over 2.05 m ≈ 1.6 mm/px, DOMAIN.md).</summary>
    public double FieldOfViewAcrossM { get; init; } = 2.05;

    /// <summary>Exposure time, ms: sets the motion blur (5 m/s × 1.5 ms = 7.5 mm ≈ 5 px).</summary>
    public double ExposureMs { get; init; } = 1.5;

    /// <summary>Frame rate while the <c>slow</c> fault is on.</summary>
    public double SlowFps { get; init; } = 2;
}
