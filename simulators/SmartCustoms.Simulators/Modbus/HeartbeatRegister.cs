namespace SmartCustoms.Simulators.Modbus;

/// <summary>
/// A heartbeat register that counts +1 every <see cref="PeriodSeconds"/> of lane time (wrapping at
/// 65536) and freezes while a stuck-heartbeat fault is on, then jumps back to the live count, like a
/// PLC whose scan task hung and recovered. Thread-safe.
/// </summary>
public sealed class HeartbeatRegister
{
    public const double PeriodSeconds = 0.1;

    private readonly Lock _gate = new();
    private ushort _last;

    public ushort Read(double laneTimeS, bool stuck)
    {
        lock (_gate)
        {
            if (!stuck)
            {
                _last = (ushort)((long)Math.Floor(Math.Max(0, laneTimeS) / PeriodSeconds) & 0xFFFF);
            }

            return _last;
        }
    }
}
