namespace SmartCustoms.Edge.Acquisition;

/// <summary>The model's reading of one spectrum, reduced to what detection grouping needs.</summary>
/// <param name="Sequence">The instrument's spectrum sequence number.</param>
/// <param name="DeviceTimeMicroseconds">The instrument's clock when the spectrum was taken.</param>
/// <param name="HostTime">Wall clock when it arrived (for records).</param>
/// <param name="TopClass">The most probable class.</param>
/// <param name="ContaminantClass">The most probable contaminant class (even when below threshold).</param>
/// <param name="ContaminantProbability">Summed probability of the contaminant classes.</param>
/// <param name="IsContaminant">Whether the model's threshold calls this spectrum contaminated.</param>
/// <param name="IsUnknown">Out of the model's distribution: neither ore nor a known contaminant.</param>
internal sealed record SpectrumVerdict(
    ulong Sequence,
    long DeviceTimeMicroseconds,
    DateTimeOffset HostTime,
    string TopClass,
    string ContaminantClass,
    float ContaminantProbability,
    bool IsContaminant,
    bool IsUnknown);
