using SmartCustoms.Simulators.Spectra;

namespace SmartCustoms.Simulators.Dataset;

/// <summary>Defaults shared with the instrument model (kept as constants for attribute/initialiser use).</summary>
public static class NirInstrumentModelDefaults
{
    public const int IntegrationUs = NirInstrumentModel.DefaultIntegrationUs;
}
