using SmartCustoms.Edge.Core.Observations;
using SmartCustoms.Edge.Core.Options;

namespace SmartCustoms.Edge.Core.Fusion;

/// <summary>
/// Everything observed on one segment, accumulated as observations arrive. Keeps counts and a capped list of
/// ids per kind instead of every spectrum (a 10 m segment at 500 spectra/s holds ~1,000), and groups hits into
/// <see cref="SpectralCluster"/>s by acquisition time. Not thread-safe.
/// </summary>
internal sealed class SegmentEvidence(VerdictOptions rules, int maxIds, long timestampFrequency)
{
    private readonly long _clusterGap = (long)Math.Ceiling(rules.ClusterGapSeconds * timestampFrequency);
    private readonly List<SpectralCluster> _itemClusters = [];
    private SpectralCluster? _current;
    private double _visualHotspotStrength = double.NegativeInfinity;
    private double? _visualHotspot;
    private double? _radiationHotspot;
    private double _radiationHotspotDose = double.NegativeInfinity;
    private readonly List<string> _contaminantSpectraIds = [];
    private readonly List<string> _suspectSpectraIds = [];
    private readonly List<string> _oodIds = [];
    private readonly List<string> _contaminantDetectionIds = [];
    private readonly List<string> _suspectDetectionIds = [];
    private readonly Dictionary<string, int> _spectraByMaterial = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, (int Count, double Area)> _detectionsByMaterial = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, (int Rank, string Material, double Area)> _detections = new(StringComparer.Ordinal);
    private readonly SortedSet<string> _models = new(StringComparer.Ordinal);

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

    /// <summary>The cluster with the most strong hits (ties: most hits); null when no spectrum was a hit.</summary>
    public SpectralCluster? StrongestCluster { get; private set; }

    /// <summary>The cluster with the most hits (ties: most strong hits); null when no spectrum was a hit.</summary>
    public SpectralCluster? LargestCluster { get; private set; }

    /// <summary>Clusters big enough to be an item (≥ SuspectMinSpectra hits or ≥ ContaminatedMinSpectra strong hits).</summary>
    public IReadOnlyList<SpectralCluster> ItemClusters => _itemClusters;

    /// <summary>
    /// Belt coordinate of the strongest contaminant evidence, where a triggered cut aims: the centre of an
    /// item-size spectral cluster (the NIR spot is 2 cm long and timed by the instrument's clock: the most precise
    /// position the lane has), else a contaminant visual detection, else the strongest smaller cluster, else a
    /// suspect detection.
    /// </summary>
    public double? HotspotCoordinate =>
        StrongestCluster is { } item && IsItem(item) ? item.Centre
        : _visualHotspotStrength >= 2 ? _visualHotspot
        : StrongestCluster is { } cluster ? cluster.Centre
        : _visualHotspot ?? _radiationHotspot;

    /// <summary>Radioactive point sources located on this segment (or within the tolerance of it).</summary>
    public int RadiationSources { get; private set; }

    public IReadOnlyDictionary<string, int> ContaminantSpectraByMaterial => _spectraByMaterial;

    public IReadOnlyDictionary<string, (int Count, double Area)> DetectionsByMaterial => _detectionsByMaterial;

    /// <summary>Adds a spectrum; true when it is evidence that can change the verdict (a hit or out of distribution).</summary>
    public bool Add(SpectralObservation spectrum, double coordinate, bool certain)
    {
        Spectra++;
        Count(certain);
        _models.Add(spectrum.ModelId);
        if (spectrum.OreFamily is not null)
        {
            OreSpectra++;
        }

        var changed = false;
        if (spectrum.OutOfDistribution)
        {
            OodSpectra++;
            Keep(_oodIds, spectrum.Id);
            changed = true;
        }

        var p = spectrum.ContaminantProbability;
        var strong = p >= rules.ContaminantProbability;
        if (strong)
        {
            ContaminantSpectra++;
            Keep(_contaminantSpectraIds, spectrum.Id);
            _spectraByMaterial[spectrum.MaterialClass] = _spectraByMaterial.GetValueOrDefault(spectrum.MaterialClass) + 1;
        }
        else if (p >= rules.SuspectProbability)
        {
            SuspectSpectra++;
            Keep(_suspectSpectraIds, spectrum.Id);
        }

        if (strong || p >= rules.SuspectProbability)
        {
            Cluster(spectrum, coordinate, strong);
            changed = true;
        }

        return changed;
    }

    /// <summary>Separate clusters of hits (a lone hit is a cluster of one): the independent events the dispersed test counts.</summary>
    public int Clusters { get; private set; }

    /// <summary>Hits at or above the suspect probability (strong ones included).</summary>
    public int Hits => ContaminantSpectra + SuspectSpectra;

    /// <summary>
    /// Adds a detection; true when it passes a suspect or contaminant bar. A detection with the id of one already on
    /// this segment is the camera reporting the same item again from a frame that showed it better (see
    /// <see cref="VisualItemTracker"/>): it replaces the earlier one when it passes a higher bar (not counted as a
    /// second item), and is ignored otherwise (returns false).
    /// </summary>
    public bool Add(VisualDetection detection, double coordinate, bool certain)
    {
        var contaminant = detection.Score >= rules.VisualContaminatedScore && detection.SizeCm >= rules.VisualContaminatedMinSizeCm;
        var suspect = !contaminant && detection.Score >= rules.VisualSuspectScore && detection.SizeCm >= rules.VisualSuspectMinSizeCm
            && detection.Sightings >= rules.VisualSuspectMinSightings;
        var rank = contaminant ? 2 : suspect ? 1 : 0;
        if (_detections.TryGetValue(detection.Id, out var before))
        {
            if (rank <= before.Rank)
            {
                return false;
            }

            Withdraw(detection.Id, before);
        }
        else
        {
            Detections++;
            Count(certain);
        }

        _detections[detection.Id] = (rank, detection.MaterialClass, detection.AreaCm2);
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

        return contaminant || suspect;
    }

    /// <summary>Takes back what an earlier report of the same item counted (its bar, ids and material area).</summary>
    private void Withdraw(string id, (int Rank, string Material, double Area) before)
    {
        if (before.Rank == 2)
        {
            ContaminantDetections--;
            _contaminantDetectionIds.Remove(id);
        }
        else if (before.Rank == 1)
        {
            SuspectDetections--;
            _suspectDetectionIds.Remove(id);
        }

        if (before.Rank > 0 && _detectionsByMaterial.TryGetValue(before.Material, out var m))
        {
            if (m.Count <= 1)
            {
                _detectionsByMaterial.Remove(before.Material);
            }
            else
            {
                _detectionsByMaterial[before.Material] = (m.Count - 1, m.Area - before.Area);
            }
        }
    }

    /// <summary>Adds a radiation reading; true when it raised the segment's radiation level.</summary>
    public bool Add(RadiationReading reading, bool certain)
    {
        RadiationReadings++;
        Count(certain);
        MaxDoseRate = Math.Max(MaxDoseRate, reading.DoseRateNanoSievertsPerHour);
        if (reading.Level > MaxRadiationLevel)
        {
            MaxRadiationLevel = reading.Level;
            return true;
        }

        return false;
    }

    /// <summary>
    /// A radiation level attributed to this segment without counting a reading: a located point source (its peak dose
    /// and the excursion's level; the hotspot of last resort: where the source is) or the level of a spread excursion's
    /// reading taken here. True when it raised the segment's radiation level.
    /// </summary>
    public bool AddRadiationLevel(RadiationReading reading, double coordinate, bool certain, bool source)
    {
        if (source)
        {
            RadiationSources++;
            Count(certain);
            if (reading.DoseRateNanoSievertsPerHour > _radiationHotspotDose)
            {
                _radiationHotspotDose = reading.DoseRateNanoSievertsPerHour;
                _radiationHotspot = coordinate;
            }
        }

        MaxDoseRate = Math.Max(MaxDoseRate, reading.DoseRateNanoSievertsPerHour);
        if (reading.Level > MaxRadiationLevel)
        {
            MaxRadiationLevel = reading.Level;
            return true;
        }

        return false;
    }

    public IReadOnlyList<string> Models => [.. _models];

    public SegmentEvidenceCounts Counts() => new(
        Spectra, OreSpectra, ContaminantSpectra, SuspectSpectra, OodSpectra,
        Detections, ContaminantDetections, SuspectDetections,
        RadiationReadings, MaxDoseRate, MaxRadiationLevel, UncertainPlacements)
    {
        SpectralClusters = _itemClusters.Count,
        LargestClusterHits = LargestCluster?.Hits ?? 0,
        StrongestClusterHits = StrongestCluster?.StrongHits ?? 0,
    };

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
        if (strength > _visualHotspotStrength)
        {
            _visualHotspotStrength = strength;
            _visualHotspot = coordinate;
        }
    }

    private void Cluster(SpectralObservation spectrum, double coordinate, bool strong)
    {
        // Spectra arrive in acquisition order from one spectrometer; a hit more than the gap after the
        // previous one starts a new cluster.
        if (_current is null || Math.Abs(spectrum.Timestamp - _current.LastTimestamp) > _clusterGap)
        {
            _current = new SpectralCluster(spectrum.Timestamp, coordinate);
            Clusters++;
        }

        var wasItem = IsItem(_current);
        _current.Add(spectrum.Timestamp, coordinate, spectrum.MaterialClass, strong);
        if (!wasItem && IsItem(_current))
        {
            _itemClusters.Add(_current);
        }

        if (StrongestCluster is null || (_current.StrongHits, _current.Hits).CompareTo((StrongestCluster.StrongHits, StrongestCluster.Hits)) > 0)
        {
            StrongestCluster = _current;
        }

        if (LargestCluster is null || (_current.Hits, _current.StrongHits).CompareTo((LargestCluster.Hits, LargestCluster.StrongHits)) > 0)
        {
            LargestCluster = _current;
        }
    }

    private bool IsItem(SpectralCluster cluster) =>
        cluster.Hits >= rules.SuspectMinSpectra || cluster.StrongHits >= rules.ContaminatedMinSpectra;
}
