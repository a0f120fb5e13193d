namespace SmartCustoms.Simulators.Nir;

/// <summary>The commands the simulated spectrometer understands.</summary>
public enum ScpiHeader
{
    Unknown,
    Identify,
    Reset,
    ClearStatus,
    SystemError,
    Wavelengths,
    PixelCount,
    Integration,
    Averages,
    MeasureSpectrum,
    FetchBurst,
    DarkReference,
    WhiteReference,
    Temperature,
    LampHours,
}
