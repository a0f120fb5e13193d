namespace SmartCustoms.Simulators.Gpio;

/// <summary>Default pin numbers (logical/BCM) of the simulated lane I/O; configure the gateway's GPIO settings to match.</summary>
public sealed record LaneGpioPins
{
    /// <summary>Input: high while the belt runs (contactor feedback).</summary>
    public int BeltRunning { get; init; } = 17;

    /// <summary>Input: high while the e-stop circuit is healthy; low when an e-stop is pressed (fail-safe).</summary>
    public int EmergencyStopOk { get; init; } = 27;

    /// <summary>Input: belt encoder, a square wave of <see cref="EncoderPulsesPerMetre"/> pulses per metre of belt.</summary>
    public int Encoder { get; init; } = 22;

    /// <summary>Outputs: stack light red, amber, green, and the horn.</summary>
    public int StackRed { get; init; } = 5;

    public int StackAmber { get; init; } = 6;

    public int StackGreen { get; init; } = 13;

    public int Horn { get; init; } = 19;

    public double EncoderPulsesPerMetre { get; init; } = 10;
}
