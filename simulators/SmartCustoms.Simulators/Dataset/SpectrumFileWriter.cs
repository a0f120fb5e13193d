using System.Globalization;
using System.Text;
using SmartCustoms.Simulators.Spectra;

namespace SmartCustoms.Simulators.Dataset;

/// <summary>
/// Writes dataset rows in the contract's spectrum-file layout (CONTRACT.md "Spectrum files"):
/// header <c>wavelength_nm,s1,s2,…</c>, one row per pixel, reflectance as a fraction — the input of
/// <c>SmartCustoms.Edge classify --spectrum FILE</c>. The labels go to a separate CSV.
/// </summary>
public static class SpectrumFileWriter
{
    public static async Task WriteAsync(SpectralDatasetGenerator generator, int count, TextWriter spectra, TextWriter labels, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(generator);
        ArgumentNullException.ThrowIfNull(spectra);
        ArgumentNullException.ThrowIfNull(labels);
        var synth = new SpotSynthesizer(new FreshEndmembers(generator.WavelengthsNm));
        var samples = new SpectralSample[count];
        for (int i = 0; i < count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            samples[i] = generator.Generate(i, synth);
        }

        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder("wavelength_nm");
        for (int i = 0; i < count; i++)
        {
            sb.Append(inv, $",s{i + 1}");
        }

        await spectra.WriteLineAsync(sb, cancellationToken);
        for (int p = 0; p < generator.WavelengthsNm.Count; p++)
        {
            sb.Clear();
            sb.Append(generator.WavelengthsNm[p].ToString("F3", inv));
            foreach (var s in samples)
            {
                sb.Append(',').Append(s.Reflectance[p].ToString("F5", inv));
            }

            await spectra.WriteLineAsync(sb, cancellationToken);
        }

        await labels.WriteLineAsync("column,label,brand,material,fraction,moisture".AsMemory(), cancellationToken);
        for (int i = 0; i < count; i++)
        {
            var s = samples[i];
            await labels.WriteLineAsync(string.Create(inv, $"s{i + 1},{s.Label},{s.Brand},{s.Material},{s.AreaFraction:F3},{s.MoisturePct:F2}").AsMemory(), cancellationToken);
        }

        await spectra.FlushAsync(cancellationToken);
        await labels.FlushAsync(cancellationToken);
    }
}
