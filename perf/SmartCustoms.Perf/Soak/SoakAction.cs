namespace SmartCustoms.Perf.Soak;

/// <summary>One disturbance of the soak, at a moment after its start.</summary>
internal sealed record SoakAction(TimeSpan At, SoakActionKind Kind, string Device, TimeSpan Length);

/// <summary>What a soak does to the lane.</summary>
internal enum SoakActionKind
{
    /// <summary>A device fault through the simulator's control API (on top of the faults scenario's own schedule).</summary>
    DeviceFault,

    /// <summary>mosquitto stopped (SIGTERM) for a while, then started again on the same port.</summary>
    BrokerRestart,

    /// <summary>The gateway SIGKILLed, then started again on the same store after a while.</summary>
    GatewayKill,
}
