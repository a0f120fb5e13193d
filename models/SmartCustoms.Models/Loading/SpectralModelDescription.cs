using SmartCustoms.Models.Spectra;

namespace SmartCustoms.Models.Loading;

/// <summary>What the model file says about itself (from its ONNX metadata).</summary>
/// <param name="ClassNames">Output classes, in the order of the probabilities.</param>
/// <param name="IsContaminant">Per class: true for solid-waste classes (their probabilities sum to the contaminant score).</param>
/// <param name="Grid">The wavelength grid the model's input is on.</param>
/// <param name="ContaminantThreshold">Contaminant-score threshold chosen on validation data at training time.</param>
/// <param name="OodThreshold">Out-of-distribution score threshold chosen on validation data at training time.</param>
public sealed record SpectralModelDescription(
    IReadOnlyList<string> ClassNames,
    IReadOnlyList<bool> IsContaminant,
    ModelGrid Grid,
    float ContaminantThreshold,
    float OodThreshold);
