using SmartCustoms.Edge.Core.Observations;
using SmartCustoms.Edge.Core.Options;

namespace SmartCustoms.Edge.Core.Fusion;

/// <summary>
/// Everything observed on one segment, accumulated as observations arrive. Keeps counts and a capped list of
/// ids per kind instead of every spectrum (a 10 m segment at 500 spectra/s holds ~1,000). Not thread-safe.
/// </summary>
internal sealed class SegmentEvidence(VerdictOptions rules, int maxIds)
{
    private readonly List<string> _contaminantSpectraIds = [];
    private readonly List<string> _suspectSpectraIds = [];
    private readonly List<string> _oodIds = [];
    private readonly List<string> _contaminantDetectionIds = [];
    private readonly List<string> _suspectDetectionIds = [];
    private readonly Dictionary<string, int> _spectraByMaterial = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, (int Count, double Area)> _detectionsByMaterial = new(StringComparer.OrdinalIgnoreCase);
    private readonly SortedSet<string> _models = new(StringComparer.Ordinal);
    private double _hotspotStrength = double.NegativeInfinity;

    public int Spectra { get; private set; }

    public int OreSpectra { get; private set; }

    public int ContaminantSpectra { get; private set; }

    public int SuspectSpectra { get; private set; }

    public int OodSpectra { get; private set; }

    public int Detections { get; private set; }

    public int ContaminantDetections { get; private set; }

    public int SuspectDetections { get; private set; }

    public int RadiationReadings { get; private set; }

    public double MaxDoseRate { get; private set; }

    public RadiationLevel MaxRadiationLevel { get; private set; }

    public int UncertainPlacements { get; private set; }

    /// <summary>Belt coordinate of the strongest contaminant evidence: where a triggered cut should aim.</summary>
    public double? HotspotCoordinate { get; private set; }

    public IReadOnlyDictionary<string, int> ContaminantSpectraByMaterial => _spectraByMaterial;

    public IReadOnlyDictionary<string, (int Count, double Area)> DetectionsByMaterial => _detectionsByMaterial;

    public void Add(SpectralObservation spectrum, double coordinate, bool certain)
    {
        Spectra++;
        Count(certain);
        _models.Add(spectrum.ModelId);
        if (spectrum.OreFamily is not null)
        {
            OreSpectra++;
        }

        if (spectrum.OutOfDistribution)
        {
            OodSpectra++;
            Keep(_oodIds, spectrum.Id);
        }

        var p = spectrum.ContaminantProbability;
        if (p >= rules.ContaminantProbability)
        {
            ContaminantSpectra++;
            Keep(_contaminantSpectraIds, spectrum.Id);
            _spectraByMaterial[spectrum.MaterialClass] = _spectraByMaterial.GetValueOrDefault(spectrum.MaterialClass) + 1;
            Hotspot(coordinate, 1 + p);
        }
        else if (p >= rules.SuspectProbability)
        {
            SuspectSpectra++;
            Keep(_suspectSpectraIds, spectrum.Id);
            Hotspot(coordinate, p);
        }
    }

    public void Add(VisualDetection detection, double coordinate, bool certain)
    {
        Detections++;
        Count(certain);
        var contaminant = detection.Score >= rules.VisualContaminatedScore && detection.SizeCm >= rules.VisualContaminatedMinSizeCm;
        var suspect = detection.Score >= rules.VisualSuspectScore && detection.SizeCm >= rules.VisualSuspectMinSizeCm;
        if (contaminant)
        {
            ContaminantDetections++;
            Keep(_contaminantDetectionIds, detection.Id);
            Hotspot(coordinate, 2 + detection.Score);
        }
        else if (suspect)
        {
            SuspectDetections++;
            Keep(_suspectDetectionIds, detection.Id);
            Hotspot(coordinate, detection.Score);
        }

        if (contaminant || suspect)
        {
            var (count, area) = _detectionsByMaterial.GetValueOrDefault(detection.MaterialClass);
            _detectionsByMaterial[detection.MaterialClass] = (count + 1, area + detection.AreaCm2);
        }
    }

    public void Add(RadiationReading reading, bool certain)
    {
        RadiationReadings++;
        Count(certain);
        MaxDoseRate = Math.Max(MaxDoseRate, reading.DoseRateNanoSievertsPerHour);
        if (reading.Level > MaxRadiationLevel)
        {
            MaxRadiationLevel = reading.Level;
        }
    }

    public IReadOnlyList<string> Models => [.. _models];

    public SegmentEvidenceCounts Counts() => new(
        Spectra, OreSpectra, ContaminantSpectra, SuspectSpectra, OodSpectra,
        Detections, ContaminantDetections, SuspectDetections,
        RadiationReadings, MaxDoseRate, MaxRadiationLevel, UncertainPlacements);

    public SegmentEvidenceIds Ids() => new(
        [.. _contaminantSpectraIds], [.. _suspectSpectraIds], [.. _oodIds],
        [.. _contaminantDetectionIds], [.. _suspectDetectionIds]);

    private void Count(bool certain)
    {
        if (!certain)
        {
            UncertainPlacements++;
        }
    }

    private void Keep(List<string> ids, string id)
    {
        if (ids.Count < maxIds)
        {
            ids.Add(id);
        }
    }

    private void Hotspot(double coordinate, double strength)
    {
        if (strength > _hotspotStrength)
        {
            _hotspotStrength = strength;
            HotspotCoordinate = coordinate;
        }
    }
}
