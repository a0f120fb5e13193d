using SmartCustoms.Models.Loading;

namespace SmartCustoms.Models.Classification;

/// <summary>The classifier's answer for one spectrum.</summary>
/// <param name="SpectrumName">The spectrum's name in its source.</param>
/// <param name="IsValid">False when the spectrum was refused (see <paramref name="Problem"/>); scores are then NaN.</param>
/// <param name="ClassName">
/// The decision: a contaminant class when <paramref name="IsContaminant"/>, else an ore class;
/// <see cref="UnknownClass"/> when out of distribution, <see cref="InvalidClass"/> when refused.
/// </param>
/// <param name="Probabilities">Per class, in the order of <see cref="SpectralClassifier.ClassNames"/>; empty when refused.</param>
/// <param name="ContaminantScore">Sum of the contaminant classes' probabilities.</param>
/// <param name="IsContaminant">Contaminant score above the classifier's threshold.</param>
/// <param name="OodScore">Distance of the spectrum's features from everything seen in training (Mahalanobis).</param>
/// <param name="IsOutOfDistribution">OOD score above the threshold: the model has not seen anything like it.</param>
/// <param name="Problem">Why the spectrum was refused, else null.</param>
/// <param name="Model">The model that produced the answer.</param>
public sealed record SpectralClassification(
    string SpectrumName,
    bool IsValid,
    string ClassName,
    IReadOnlyList<float> Probabilities,
    float ContaminantScore,
    bool IsContaminant,
    float OodScore,
    bool IsOutOfDistribution,
    string? Problem,
    ModelIdentity Model)
{
    /// <summary>Class reported for a spectrum unlike anything in training.</summary>
    public const string UnknownClass = "unknown";

    /// <summary>Class reported for a refused spectrum.</summary>
    public const string InvalidClass = "invalid";
}
