namespace SmartCustoms.Edge.Acquisition;

/// <summary>What the spectrometer saw over one reporting window.</summary>
internal sealed record SpectralSummary(
    DateTimeOffset WindowStart,
    DateTimeOffset WindowEnd,
    int SpectraClassified,
    int SpectraRejected,
    int SpectraContaminated,
    int SpectraUnknown,
    ulong FirstSequence,
    ulong LastSequence,
    long SequenceGaps,
    IReadOnlyDictionary<string, int> SpectraByTopClass,
    IReadOnlyDictionary<string, string> RejectionReasons);
