using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using SmartCustoms.Models.Classification;
using SmartCustoms.Models.Loading;
using SmartCustoms.Models.Spectra;

namespace SmartCustoms.Models.Commands;

/// <summary>
/// <c>classify --spectrum FILE [--json]</c>: reads a spectrum file, classifies every spectrum in it and
/// prints class, probabilities and the model's id, version and SHA-256.
/// Exit codes: <see cref="Ok"/>, <see cref="ModelProblem"/>, <see cref="BadInput"/>.
/// </summary>
/// <remarks>Thread-safe as long as each call gets its own writers.</remarks>
public sealed class SpectrumClassificationCommand(SpectralClassifier classifier)
{
    /// <summary>Every spectrum classified.</summary>
    public const int Ok = 0;

    /// <summary>The model could not be loaded (missing, mismatched).</summary>
    public const int ModelProblem = 1;

    /// <summary>The file or a spectrum in it cannot be used; stderr says why in one line each.</summary>
    public const int BadInput = 2;

    private static readonly JsonWriterOptions JsonOptions = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// Loads the model named by <paramref name="options"/> and runs the command; for callers without a host.
    /// A model that cannot be loaded gives <see cref="ModelProblem"/> and one line on <paramref name="error"/>.
    /// </summary>
    public static int Run(ModelOptions options, string spectrumPath, bool json, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(error);
        SpectralClassifier loaded;
        try
        {
            loaded = ModelRegistry.LoadSpectralClassifier(options.ResolveSpectralModelPath(), options.ToClassifierSettings());
        }
        catch (ModelLoadException ex)
        {
            error.WriteLine($"error: {ex.Message}");
            return ModelProblem;
        }

        using (loaded)
        {
            return new SpectrumClassificationCommand(loaded).Execute(spectrumPath, json, output, error);
        }
    }

    /// <summary>Classifies every spectrum in <paramref name="spectrumPath"/> and prints the results.</summary>
    public int Execute(string spectrumPath, bool json, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(spectrumPath);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        SpectrumFile file;
        try
        {
            file = SpectrumCsvReader.ReadFile(spectrumPath, classifier.Grid);
        }
        catch (SpectrumFileException ex)
        {
            error.WriteLine($"error: {ex.Message}");
            return BadInput;
        }

        var results = classifier.Classify(file.Spectra.ToArray());
        if (json)
        {
            WriteJson(file, results, output);
        }
        else
        {
            WriteTable(file, results, output);
        }

        var exitCode = Ok;
        foreach (var refused in results.Where(r => !r.IsValid))
        {
            error.WriteLine($"error: {file.FilePath} spectrum '{refused.SpectrumName}': {refused.Problem}");
            exitCode = BadInput;
        }

        return exitCode;
    }

    private void WriteTable(SpectrumFile file, SpectralClassification[] results, TextWriter output)
    {
        var model = classifier.Model;
        output.WriteLine($"file:  {file.FilePath}");
        output.WriteLine($"model: {model.Id} {model.Version} sha256 {model.Sha256}");
        output.WriteLine(Invariant($"thresholds: contaminant > {classifier.ContaminantThreshold:0.####}, out-of-distribution > {classifier.OodThreshold:0.###}"));
        var header = new StringBuilder();
        header.Append(CultureInfo.InvariantCulture, $"{"spectrum",-16} {"class",-22} {"contam.",8} {"ood",8}");
        foreach (var name in classifier.ClassNames)
        {
            header.Append(' ').Append(name);
        }

        output.WriteLine(header.ToString());
        foreach (var r in results.Where(r => r.IsValid))
        {
            var line = new StringBuilder();
            var flags = r.IsContaminant ? "*" : string.Empty;
            line.Append(CultureInfo.InvariantCulture, $"{r.SpectrumName,-16} {r.ClassName + flags,-22} {r.ContaminantScore,8:0.0000} {r.OodScore,8:0.00}");
            for (var c = 0; c < r.Probabilities.Count; c++)
            {
                var cell = r.Probabilities[c].ToString("0.0000", CultureInfo.InvariantCulture);
                line.Append(' ').Append(cell.PadLeft(classifier.ClassNames[c].Length));
            }

            output.WriteLine(line.ToString());
        }

        output.WriteLine("(* = contaminant score above threshold; class 'unknown' = out of distribution)");
    }

    private void WriteJson(SpectrumFile file, SpectralClassification[] results, TextWriter output)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, JsonOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("file", file.FilePath);
            writer.WriteStartObject("model");
            writer.WriteString("id", classifier.Model.Id);
            writer.WriteString("version", classifier.Model.Version);
            writer.WriteString("sha256", classifier.Model.Sha256);
            writer.WriteNumber("contaminantThreshold", classifier.ContaminantThreshold);
            writer.WriteNumber("oodThreshold", classifier.OodThreshold);
            writer.WriteEndObject();
            writer.WriteStartArray("results");
            foreach (var r in results)
            {
                writer.WriteStartObject();
                writer.WriteString("spectrum", r.SpectrumName);
                writer.WriteBoolean("valid", r.IsValid);
                writer.WriteString("class", r.ClassName);
                if (r.IsValid)
                {
                    writer.WriteBoolean("isContaminant", r.IsContaminant);
                    writer.WriteNumber("contaminantScore", r.ContaminantScore);
                    writer.WriteBoolean("isOutOfDistribution", r.IsOutOfDistribution);
                    writer.WriteNumber("oodScore", r.OodScore);
                    writer.WriteStartObject("probabilities");
                    for (var c = 0; c < r.Probabilities.Count; c++)
                    {
                        writer.WriteNumber(classifier.ClassNames[c], r.Probabilities[c]);
                    }

                    writer.WriteEndObject();
                }
                else
                {
                    writer.WriteString("problem", r.Problem);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        output.WriteLine(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
