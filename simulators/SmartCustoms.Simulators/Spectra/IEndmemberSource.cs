namespace SmartCustoms.Simulators.Spectra;

/// <summary>
/// Supplies randomised endmember spectra on one wavelength grid. Implementations are thread-safe
/// when the caller passes its own <see cref="Random"/>.
/// </summary>
public interface IEndmemberSource
{
    IReadOnlyList<double> WavelengthsNm { get; }

    /// <summary>Writes a reflectance spectrum of <paramref name="endmember"/> (colour scale 1).</summary>
    void Reflectance(Endmember endmember, Random random, Span<double> destination);

    /// <summary>Writes the water absorbance per 1 % moisture.</summary>
    void WaterAbsorbancePerPercent(Random random, Span<double> destination);
}
