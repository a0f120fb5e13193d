using SmartCustoms.Edge.Core.Observations;

namespace SmartCustoms.Edge.Core.Fusion;

/// <summary>What the <see cref="RadiationPeakFinder"/> says to file on the belt, and where.</summary>
/// <param name="Reading">A reading as filed (a reading inside a point-source peak loses its level), or a located source's peak reading.</param>
/// <param name="Coordinate">Belt coordinate: of the material under the monitor in the middle of the reading's counting window, or the source's estimated position.</param>
/// <param name="Certain">False when a placement relied on a stale belt speed.</param>
/// <param name="Kind">A counted reading, a level given back to where a spread excursion's reading was taken, or a located source.</param>
internal readonly record struct RadiationFiling(RadiationReading Reading, double Coordinate, bool Certain, RadiationFilingKind Kind);
