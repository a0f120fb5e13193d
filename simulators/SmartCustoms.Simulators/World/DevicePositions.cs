namespace SmartCustoms.Simulators.World;

/// <summary>
/// Where the devices sit along the belt (m downstream of the loading point) and what the NIR spot covers.
/// </summary>
public sealed record DevicePositions
{
    public double CameraM { get; init; } = 1.0;

    public double NirM { get; init; } = 2.0;

    public double RadiationM { get; init; } = 6.0;

    public double SamplerM { get; init; } = 25.0;

    /// <summary>
    /// The NIR footprint: a strip across the belt (a line-shaped spot), centred on
    /// <see cref="NirFootprintCentreM"/> across the belt.
    /// </summary>
    public Footprint NirFootprint { get; init; } = new(AlongM: 0.02, AcrossM: 0.30, CentreAcrossM: 0.0);

    public double NirFootprintCentreM => NirFootprint.CentreAcrossM;
}
