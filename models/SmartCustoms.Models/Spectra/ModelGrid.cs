namespace SmartCustoms.Models.Spectra;

/// <summary>The evenly spaced wavelength grid a model was trained on (read from the model file).</summary>
/// <param name="StartNm">First wavelength, nm.</param>
/// <param name="StepNm">Spacing, nm (&gt; 0).</param>
/// <param name="Count">Number of points.</param>
public sealed record ModelGrid(double StartNm, double StepNm, int Count)
{
    /// <summary>Last wavelength, nm.</summary>
    public double EndNm => StartNm + (StepNm * (Count - 1));

    /// <summary>Wavelength of point <paramref name="index"/>, nm.</summary>
    public double WavelengthNm(int index) => StartNm + (StepNm * index);

    /// <inheritdoc />
    public override string ToString() =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{StartNm:0.###}-{EndNm:0.###} nm, step {StepNm:0.###} nm ({Count} points)");
}
