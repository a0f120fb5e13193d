namespace SmartCustoms.Edge.Core.Observations;

/// <summary>
/// One classified NIR spectrum, as the host hands it to the lane core (converted from the model's result).
/// </summary>
/// <param name="Id">Stable id of the spectrum / its evidence.</param>
/// <param name="Timestamp">Monotonic <see cref="TimeProvider.GetTimestamp"/> when the spectrum was taken (not when it was classified).</param>
/// <param name="ClassLabel">The model's class label (e.g. <c>ore_hematite</c>, <c>pe</c>).</param>
/// <param name="MaterialClass">The material family the label belongs to (e.g. <c>ore</c>, <c>plastic</c>, <c>wood</c>).</param>
/// <param name="ContaminantProbability">Probability that the spot shows a contaminant (0-1).</param>
/// <param name="OutOfDistribution">The model says the spectrum is unlike anything it was trained on.</param>
/// <param name="ModelId">Model id and version, for the evidence.</param>
/// <param name="OreFamily">For ore spectra: the measured ore family (<c>hematite</c>, <c>goethite</c>, <c>magnetite</c>); null otherwise.</param>
public sealed record SpectralObservation(
    string Id,
    long Timestamp,
    string ClassLabel,
    string MaterialClass,
    double ContaminantProbability,
    bool OutOfDistribution,
    string ModelId,
    string? OreFamily);
