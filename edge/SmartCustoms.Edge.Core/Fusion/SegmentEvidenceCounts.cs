using SmartCustoms.Edge.Core.Observations;

namespace SmartCustoms.Edge.Core.Fusion;

/// <summary>The counts behind a segment verdict (always complete, unlike the id lists).</summary>
public sealed record SegmentEvidenceCounts(
    int Spectra,
    int OreSpectra,
    int ContaminantSpectra,
    int SuspectSpectra,
    int OutOfDistributionSpectra,
    int Detections,
    int ContaminantDetections,
    int SuspectDetections,
    int RadiationReadings,
    double MaxDoseRateNanoSievertsPerHour,
    RadiationLevel MaxRadiationLevel,
    int UncertainPlacements);
