using SmartCustoms.Edge.Core.Observations;

namespace SmartCustoms.Edge.Core.Fusion;

/// <summary>
/// The counts behind a segment verdict (always complete, unlike the id lists). <c>ContaminantSpectra</c> are hits
/// at or above <c>ContaminantProbability</c> (strong), <c>SuspectSpectra</c> hits between the two probabilities.
/// </summary>
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
    int UncertainPlacements)
{
    /// <summary>Spectral clusters big enough to count as an item (suspect or contaminated size).</summary>
    public int SpectralClusters { get; init; }

    /// <summary>Hits in the segment's largest cluster.</summary>
    public int LargestClusterHits { get; init; }

    /// <summary>Strong hits in the segment's strongest cluster.</summary>
    public int StrongestClusterHits { get; init; }
}
