namespace SmartCustoms.Edge.Core.Fusion;

/// <summary>Estimated contaminant share of one material on a segment.</summary>
/// <param name="Material">Material class.</param>
/// <param name="Spectra">Contaminant (strong-hit) spectra of this material.</param>
/// <param name="SpectralShare">Those spectra as a fraction of all spectra on the segment.</param>
/// <param name="Detections">Visual detections of this material (at or above the suspect score).</param>
/// <param name="VisualAreaCm2">Their summed box area, cm².</param>
/// <param name="VisualAreaShare">That area as a fraction of the segment's surface (length × belt width).</param>
public sealed record MaterialShare(
    string Material,
    int Spectra,
    double SpectralShare,
    int Detections,
    double VisualAreaCm2,
    double VisualAreaShare)
{
    /// <summary>Spectral clusters of item size whose hits mostly say this material: items the NIR saw.</summary>
    public int SpectralItems { get; init; }
}
