namespace SmartCustoms.Edge.Ui.Instruments;

/// <summary>A spectrum as the lane view draws it, with what the model made of it. Immutable.</summary>
/// <param name="At">When the gateway received the spectrum.</param>
/// <param name="WavelengthsNm">Ascending wavelengths, nm.</param>
/// <param name="Reflectance">Reflectance per wavelength (fraction; NaN for an invalid pixel).</param>
/// <param name="ClassName">The model's decision (ore class, contaminant class, <c>unknown</c> or <c>invalid</c>).</param>
/// <param name="ContaminantScore">Sum of the contaminant classes' probabilities.</param>
/// <param name="IsContaminant">The score is above the model's threshold.</param>
/// <param name="IsOutOfDistribution">The model has not seen anything like it.</param>
/// <param name="Problem">Why the spectrum was refused, else null.</param>
/// <param name="Model">Model name and version.</param>
/// <param name="CalibrationId">The dark/white calibration used.</param>
public sealed record SpectrumReading(
    DateTimeOffset At,
    IReadOnlyList<float> WavelengthsNm,
    IReadOnlyList<float> Reflectance,
    string ClassName,
    float ContaminantScore,
    bool IsContaminant,
    bool IsOutOfDistribution,
    string? Problem,
    string Model,
    string CalibrationId);
