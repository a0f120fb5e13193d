namespace SmartCustoms.Simulators.World;

/// <summary>
/// One primary increment the sampler's cutter took: when it was in the stream, what it weighed, which
/// stretch of belt it cut through and which contaminant items (buried or not: the cutter takes the whole
/// stream) it intercepted. Ground truth for <c>GET /truth</c>.
/// </summary>
/// <param name="Number">1-based count of increments in this run.</param>
/// <param name="IncrementId">The id the gateway wrote into holding registers 2–3 before the command.</param>
/// <param name="CommandSequence">The command sequence that started the cut.</param>
/// <param name="BeltFromM">Belt coordinate range that fell through the cutter opening while it was in the stream.</param>
public sealed record SamplerIncrement(
    int Number,
    uint IncrementId,
    ushort CommandSequence,
    double CommandedAtS,
    double InStreamFromS,
    double InStreamToS,
    double MassKg,
    double BeltFromM,
    double BeltToM,
    IReadOnlyList<string> InterceptedItemIds);
