namespace SmartCustoms.Simulators.Cli;

/// <summary>Which simulated devices a scsim command runs.</summary>
internal enum LaneDevices
{
    All,
    Nir,
    Sampler,
    Scale,
    Radiation,
    Camera,
}
