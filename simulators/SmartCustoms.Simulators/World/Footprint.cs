namespace SmartCustoms.Simulators.World;

/// <summary>A rectangular patch of belt surface a sensor sees, m.</summary>
public sealed record Footprint(double AlongM, double AcrossM, double CentreAcrossM)
{
    public double AreaM2 => AlongM * AcrossM;
}
