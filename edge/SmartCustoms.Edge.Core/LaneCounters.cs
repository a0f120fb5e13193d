namespace SmartCustoms.Edge.Core;

/// <summary>Counts of input the core could not use fully (exposed as metrics).</summary>
/// <param name="DroppedObservations">Observations with no segment to go to (too old, before the first tonnage boundary, no belt history).</param>
/// <param name="LateObservations">Observations that arrived after their segment was judged.</param>
/// <param name="RejectedBeltSamples">Belt samples refused (invalid, out of order).</param>
/// <param name="RejectedScaleReadings">Scale readings with invalid numbers.</param>
public sealed record LaneCounters(long DroppedObservations, long LateObservations, long RejectedBeltSamples, long RejectedScaleReadings);
