namespace SmartCustoms.Drivers.LaneIo.Options;

/// <summary>Settings of the lane I/O, section <c>Devices:LaneIo</c>.</summary>
public sealed class LaneIoOptions
{
    public const string SectionName = "Devices:LaneIo";

    /// <summary>When false nothing is opened; health stays down with "disabled" and the e-stop reads fail-safe active.</summary>
    public bool Enabled { get; set; }

    /// <summary>Which GPIO driver to use.</summary>
    public LaneIoBoard Board { get; set; } = LaneIoBoard.Gpiochip;

    /// <summary>The gpiochip number for <see cref="LaneIoBoard.Gpiochip"/> (e.g. 0 on a Pi 4, 4 or 0 on a Pi 5 depending on the kernel).</summary>
    public int Chip { get; set; }

    /// <summary>Line (pin) number of each signal on the chosen driver; unset = not wired. EStop is required.</summary>
    public LaneIoPinMap Pins { get; set; } = new();

    /// <summary>Per signal: true when the electrical level is low for the logical "active / on".</summary>
    public LaneIoActiveLow ActiveLow { get; set; } = new();

    /// <summary>Per input: the internal bias resistor (None, PullUp, PullDown).</summary>
    public LaneIoInputBias Bias { get; set; } = new();

    /// <summary>An input must hold a new level this long before the change counts, ms.</summary>
    public int DebounceMs { get; set; } = 20;

    /// <summary>How often the belt-running and e-stop inputs are sampled, ms.</summary>
    public int SampleIntervalMs { get; set; } = 5;

    /// <summary>Encoder rising edges per metre of belt travel.</summary>
    public double EncoderPulsesPerMetre { get; set; } = 100;

    /// <summary>The sliding window the belt speed is averaged over.</summary>
    public TimeSpan SpeedWindow { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often pins that could not be opened are tried again.</summary>
    public TimeSpan ReopenInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The optional cabinet climate sensor.</summary>
    public CabinetClimateOptions Climate { get; set; } = new();

    /// <summary>Used only with <see cref="LaneIoBoard.Simulated"/>: what the simulated lane does at start.</summary>
    public SimulatedLaneOptions Simulation { get; set; } = new();
}
