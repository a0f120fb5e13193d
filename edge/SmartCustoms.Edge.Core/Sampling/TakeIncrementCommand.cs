namespace SmartCustoms.Edge.Core.Sampling;

/// <summary>What the host must send to the sampler now: "take increment" with this id.</summary>
public sealed record TakeIncrementCommand(uint IncrementId, string? LotId, IncrementReason Reason);
