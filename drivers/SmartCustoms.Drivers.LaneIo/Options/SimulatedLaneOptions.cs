namespace SmartCustoms.Drivers.LaneIo.Options;

/// <summary>Initial state of the simulated lane signals (<c>Board = simulated</c> only).</summary>
public sealed class SimulatedLaneOptions
{
    public bool BeltRunning { get; set; } = true;

    public bool EStopActive { get; set; }

    /// <summary>Belt speed the encoder pulse train is generated for while the belt runs, m/s.</summary>
    public double BeltSpeedMetresPerSecond { get; set; } = 5.0;
}
