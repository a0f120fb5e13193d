namespace SmartCustoms.Edge.Core.Segments;

/// <summary>
/// A published change of a segment's verdict: its first judgement (<see cref="Previous"/> null: early, as soon as
/// evidence made it suspect or contaminated, or when its tail passed the sensors) or a change after that.
/// </summary>
public sealed record SegmentRevision(SegmentReport? Previous, SegmentReport Current);
