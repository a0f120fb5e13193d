namespace SmartCustoms.Edge.Core.Observations;

/// <summary>One radiation monitor reading.</summary>
/// <param name="Timestamp">Monotonic timestamp of the reading.</param>
/// <param name="DoseRateNanoSievertsPerHour">Dose rate, nSv/h.</param>
/// <param name="Level">The monitor's alarm state.</param>
public sealed record RadiationReading(long Timestamp, double DoseRateNanoSievertsPerHour, RadiationLevel Level);
