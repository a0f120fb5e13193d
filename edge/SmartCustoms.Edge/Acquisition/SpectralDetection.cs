namespace SmartCustoms.Edge.Acquisition;

/// <summary>
/// One contaminant seen by the NIR spectrometer: a run of consecutive contaminated spectra
/// (an item passing under the spot), summarised.
/// </summary>
internal sealed record SpectralDetection(
    string Material,
    float PeakProbability,
    float MeanProbability,
    int SpectraCount,
    ulong FirstSequence,
    ulong LastSequence,
    long FirstDeviceTimeMicroseconds,
    long LastDeviceTimeMicroseconds,
    DateTimeOffset FirstHostTime,
    IReadOnlyDictionary<string, int> SpectraByClass);
