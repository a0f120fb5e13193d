namespace SmartCustoms.Drivers.LaneIo.Climate;

/// <summary>
/// Reads one cabinet climate sensor. <see cref="Read"/> blocks for the measurement (tens of ms) and throws on a
/// bus error or an implausible value. Not thread-safe: the lane I/O reads it from one loop.
/// </summary>
public interface ICabinetClimateReader : IDisposable
{
    /// <summary>E.g. <c>sht3x on I2C bus 1 address 0x44</c>.</summary>
    string Description { get; }

    CabinetClimateSample Read();
}
