using SmartCustoms.Drivers.Abstractions.Health;

namespace SmartCustoms.Drivers.Abstractions.Spectrometer;

/// <summary>
/// A NIR spectrometer. Not thread-safe for concurrent commands: one acquisition loop owns it.
/// Health members (<see cref="IDeviceHealthSource"/>) are thread-safe.
/// Every method connects on demand, throws <see cref="DeviceException"/> on failure and
/// reconnects on the next call; it never returns a partial or malformed result.
/// </summary>
public interface ISpectrometer : IDeviceHealthSource, IAsyncDisposable
{
    Task<SpectrometerIdentity> IdentifyAsync(CancellationToken cancellationToken);

    /// <summary>The wavelength of each pixel, nm, ascending.</summary>
    Task<float[]> ReadWavelengthsAsync(CancellationToken cancellationToken);

    /// <summary>The next <paramref name="count"/> spectra (<c>FETC:BURS?</c>).</summary>
    Task<IReadOnlyList<RawSpectrum>> ReadBurstAsync(int count, CancellationToken cancellationToken);

    /// <summary>Dark reference counts (<c>CAL:DARK?</c>).</summary>
    Task<float[]> ReadDarkReferenceAsync(CancellationToken cancellationToken);

    /// <summary>White reference counts (<c>CAL:WHITE?</c>), taken looking at the reference tile.</summary>
    Task<float[]> ReadWhiteReferenceAsync(CancellationToken cancellationToken);

    Task<float> ReadDetectorTemperatureAsync(CancellationToken cancellationToken);
}
