using SmartCustoms.Edge.Core.Observations;

namespace SmartCustoms.Edge.Core.Tests.Infrastructure;

/// <summary>Observation builders with readable defaults.</summary>
internal static class Observe
{
    private static int _next;

    public static SpectralObservation Ore(long timestamp = 0, string family = "hematite") =>
        new($"s{Interlocked.Increment(ref _next)}", timestamp, $"ore_{family}", "ore", 0.01, false, "nir-cnn@1", family);

    public static SpectralObservation Contaminant(long timestamp = 0, string material = "plastic", double p = 0.97) =>
        new($"s{Interlocked.Increment(ref _next)}", timestamp, material, material, p, false, "nir-cnn@1", null);

    public static SpectralObservation Unknown(long timestamp = 0) =>
        new($"s{Interlocked.Increment(ref _next)}", timestamp, "ore_hematite", "ore", 0.1, true, "nir-cnn@1", null);

    /// <summary>A camera item as the host reports it once seen in <paramref name="sightings"/> frames (2 passes the lane's default second-sighting rule).</summary>
    public static VisualDetection Item(long timestamp = 0, string material = "wood", double score = 0.9, double widthCm = 10, double lengthCm = 20, int sightings = 2) =>
        new($"d{Interlocked.Increment(ref _next)}", timestamp, material, score, widthCm, lengthCm, Sightings: sightings);
}
