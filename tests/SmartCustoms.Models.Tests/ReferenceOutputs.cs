using System.Text.Json;
using System.Text.Json.Serialization;

namespace SmartCustoms.Models.Tests;

/// <summary>TestData/reference-outputs.json, written by models/training/train_spectral.py from the torch model.</summary>
internal sealed class ReferenceOutputs
{
    [JsonPropertyName("classes")]
    public required string[] Classes { get; init; }

    [JsonPropertyName("contaminant_threshold")]
    public required float ContaminantThreshold { get; init; }

    [JsonPropertyName("ood_threshold")]
    public required float OodThreshold { get; init; }

    [JsonPropertyName("spectra")]
    public required ReferenceSpectrum[] Spectra { get; init; }

    public static ReferenceOutputs Load() =>
        JsonSerializer.Deserialize<ReferenceOutputs>(File.ReadAllText(TestFiles.Data("reference-outputs.json")))
        ?? throw new InvalidDataException("reference-outputs.json is empty");
}

internal sealed class ReferenceSpectrum
{
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    [JsonPropertyName("true_class")]
    public required string TrueClass { get; init; }

    [JsonPropertyName("model_grid_input")]
    public required float[] ModelGridInput { get; init; }

    [JsonPropertyName("probabilities")]
    public required float[] Probabilities { get; init; }

    [JsonPropertyName("contaminant_score")]
    public required float ContaminantScore { get; init; }

    [JsonPropertyName("ood_score")]
    public required float OodScore { get; init; }
}
