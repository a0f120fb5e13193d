namespace SmartCustoms.Perf.Soak;

/// <summary>The simulator's ground truth of a soak next to what the gateway stored.</summary>
/// <param name="ItemsPassedNir">Contaminant items that passed the NIR position.</param>
/// <param name="ItemsVisibleToNir">…of them exposed on the surface and inside the NIR footprint.</param>
/// <param name="Detections">Spectral detection events stored (a run of contaminated spectra each).</param>
/// <param name="SamplerCuts">Increments the sampler actually cut.</param>
/// <param name="CutsStored">…of them with a stored increment event of the same increment id.</param>
internal sealed record SoakTruth(int ItemsPassedNir, int ItemsVisibleToNir, int Detections, int SamplerCuts, int CutsStored);
