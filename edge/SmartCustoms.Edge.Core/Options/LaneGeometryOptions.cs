namespace SmartCustoms.Edge.Core.Options;

/// <summary>
/// Settings of section <c>Lane:Geometry</c>: where each device sits along the belt (metres from a reference
/// point, increasing in the direction of travel) and how belt position is tracked.
/// </summary>
public sealed class LaneGeometryOptions
{
    public const string SectionName = "Lane:Geometry";

    /// <summary>Belt scale (weightometer) position, m. Tonnage segments are cut here.</summary>
    public double ScaleMetres { get; set; }

    public double CameraMetres { get; set; } = 20;

    public double NirMetres { get; set; } = 21;

    public double RadiationMetres { get; set; } = 22;

    /// <summary>Sampler cross-stream cutter, m; must be downstream of every sensor.</summary>
    public double CutterMetres { get; set; } = 60;

    /// <summary>
    /// Length of belt over which the radiation monitor sees a point source, m: the full width at half maximum of its
    /// response along the belt (about twice the detector's height above the burden). Sets how wide an excursion may be
    /// and still be one source; wider ones are spread material, filed where they were measured.
    /// </summary>
    public double RadiationFieldOfViewMetres { get; set; } = 2;

    /// <summary>The radiation monitor's counting time per reading, s: a reading describes the material that passed in the middle of it.</summary>
    public double RadiationIntegrationSeconds { get; set; } = 1;

    /// <summary>A located radioactive source marks every segment within this distance of its estimated position, m.</summary>
    public double RadiationSourceToleranceMetres { get; set; } = 0.5;

    /// <summary>Belt width, m; used to turn visual item area into a share of the segment's surface.</summary>
    public double BeltWidthMetres { get; set; } = 1.8;

    /// <summary>Encoder pulses per metre of belt travel; 0 when the lane has no encoder.</summary>
    public double EncoderPulsesPerMetre { get; set; }

    /// <summary>A speed or encoder sample older than this means the belt speed is unknown.</summary>
    public double SpeedSampleTimeoutSeconds { get; set; } = 2;

    /// <summary>Below this speed the belt counts as stopped (arrival times cannot be predicted).</summary>
    public double MovingSpeedMetresPerSecond { get; set; } = 0.05;

    /// <summary>Belt history points kept for "where was the belt at time t" (ring buffer).</summary>
    public int HistoryCapacity { get; set; } = 36_000;
}
