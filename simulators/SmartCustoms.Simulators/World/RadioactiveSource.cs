namespace SmartCustoms.Simulators.World;

/// <summary>A radioactive item in the stream (scenario <c>radioactive</c>); the radiation monitor simulator reads it.</summary>
/// <param name="DoseRateAtMonitorNSvH">Dose-rate increase it causes when it passes right under the monitor, nSv/h.</param>
public sealed record RadioactiveSource(string Id, string Nuclide, double BeltCoordinateM, double AcrossOffsetM, double DoseRateAtMonitorNSvH);
