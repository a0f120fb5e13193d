namespace SmartCustoms.Simulators.Radiation;

/// <summary>Behaviour of the simulated pass-through gamma monitor (DOMAIN.md: background ~50–200 nSv/h).</summary>
public sealed record RadiationMonitorOptions
{
    /// <summary>Natural background dose rate, nSv/h.</summary>
    public double BackgroundNSvH { get; init; } = 80;

    /// <summary>Detector sensitivity: counts per second per nSv/h (a large plastic scintillator). Sets the Poisson noise.</summary>
    public double CountsPerSecondPerNSvH { get; init; } = 5;

    /// <summary>Counting time of one reading, s (readings update every 100 ms, each over this window).</summary>
    public double IntegrationSeconds { get; init; } = 1.0;

    /// <summary>Distance from the detector to the belt surface, m: sets the width of a source's peak (inverse square).</summary>
    public double DetectorHeightM { get; init; } = 1.0;

    /// <summary>Warning when the dose rate reaches background × this.</summary>
    public double WarningRatio { get; init; } = 1.5;

    /// <summary>Alarm when the dose rate reaches background × this.</summary>
    public double AlarmRatio { get; init; } = 3.0;

    /// <summary>How long the alarm state holds after the dose rate drops again, s.</summary>
    public double AlarmHoldSeconds { get; init; } = 5.0;
}
