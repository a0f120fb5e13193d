using SmartCustoms.Drivers.Abstractions.Spectrometer;
using SmartCustoms.Drivers.Spectrometer.Scpi;

namespace SmartCustoms.Drivers.Spectrometer.Nir;

/// <summary>An open, identified and configured connection: what was learned once per connection.</summary>
internal sealed record NirConnection(ScpiSession Session, SpectrometerIdentity Identity, float[] Wavelengths)
{
    public int Pixels => Wavelengths.Length;
}
