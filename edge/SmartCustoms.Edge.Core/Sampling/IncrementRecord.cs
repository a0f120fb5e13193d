namespace SmartCustoms.Edge.Core.Sampling;

/// <summary>One increment, as recorded (the payload of the <c>increment</c> events).</summary>
/// <param name="Id">Increment id (the sampler PLC's uint32 increment id).</param>
/// <param name="LotId">The lot it belongs to; null for a technician's test cut in maintenance (no lot can be open then).</param>
/// <param name="Reason">Scheduled, triggered or manual.</param>
/// <param name="State">Planned … taken / refused / missed.</param>
/// <param name="PlannedTimestamp">Monotonic time it is (was) due; for triggered ones when the target reaches the cutter.</param>
/// <param name="PlannedAt">The same as wall-clock time (display).</param>
/// <param name="CommandedAt">When the command was sent.</param>
/// <param name="TakenAt">When the sampler reported the cut (the actual time).</param>
/// <param name="MassKg">Measured mass when the PLC reported one, else the estimate q·b/(3.6·v_c).</param>
/// <param name="MassMeasured">True when <paramref name="MassKg"/> came from the sampler.</param>
/// <param name="Acknowledged">The PLC acknowledged the command.</param>
/// <param name="SegmentNumber">The segment that triggered it.</param>
/// <param name="TargetMetres">Belt coordinate the cut aims at (triggered).</param>
/// <param name="PlanPoint">Tonnes or seconds into the lot where the plan put it (scheduled).</param>
/// <param name="Note">Free text: the manual reason, or why it was refused or missed.</param>
public sealed record IncrementRecord(
    uint Id,
    string? LotId,
    IncrementReason Reason,
    IncrementState State,
    long PlannedTimestamp,
    DateTimeOffset PlannedAt,
    DateTimeOffset? CommandedAt,
    DateTimeOffset? TakenAt,
    double MassKg,
    bool MassMeasured,
    bool Acknowledged,
    long? SegmentNumber,
    double? TargetMetres,
    double? PlanPoint,
    string Note);
