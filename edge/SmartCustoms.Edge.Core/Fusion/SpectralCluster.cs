namespace SmartCustoms.Edge.Core.Fusion;

/// <summary>
/// Hits (spectra at or above the suspect probability) close together in acquisition time: what one item
/// passing the NIR spot looks like, as opposed to the isolated misreadings clean ore produces. Not thread-safe.
/// </summary>
internal sealed class SpectralCluster(long firstTimestamp, double firstCoordinate)
{
    private readonly Dictionary<string, int> _materials = new(StringComparer.OrdinalIgnoreCase);
    private double _coordinateSum;

    public long FirstTimestamp { get; } = firstTimestamp;

    public long LastTimestamp { get; private set; } = firstTimestamp;

    public double FirstCoordinate { get; } = firstCoordinate;

    public double LastCoordinate { get; private set; } = firstCoordinate;

    /// <summary>All hits in the cluster.</summary>
    public int Hits { get; private set; }

    /// <summary>Hits at or above the contaminant probability.</summary>
    public int StrongHits { get; private set; }

    /// <summary>Mean belt coordinate of the hits: where a cut aims.</summary>
    public double Centre => Hits == 0 ? FirstCoordinate : _coordinateSum / Hits;

    /// <summary>Along-belt extent of the hits, m.</summary>
    public double ExtentMetres => Math.Abs(LastCoordinate - FirstCoordinate);

    /// <summary>The material most hits agree on.</summary>
    public string Material => _materials.Count == 0 ? "unknown" : _materials.MaxBy(kv => kv.Value).Key;

    public void Add(long timestamp, double coordinate, string material, bool strong)
    {
        Hits++;
        if (strong)
        {
            StrongHits++;
        }

        LastTimestamp = Math.Max(LastTimestamp, timestamp);
        LastCoordinate = coordinate;
        _coordinateSum += coordinate;
        _materials[material] = _materials.GetValueOrDefault(material) + 1;
    }
}
