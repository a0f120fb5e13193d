namespace SmartCustoms.Drivers.Abstractions.Health;

/// <summary>A device that reports its health. Implementations are thread-safe for these members.</summary>
public interface IDeviceHealthSource
{
    /// <summary>The device's configured name (e.g. <c>nir</c>).</summary>
    string DeviceName { get; }

    DeviceHealth Health { get; }

    /// <summary>Raised on every health change; handlers must not block.</summary>
    event EventHandler<DeviceHealth>? HealthChanged;
}
