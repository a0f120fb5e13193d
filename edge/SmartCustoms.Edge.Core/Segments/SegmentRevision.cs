namespace SmartCustoms.Edge.Core.Segments;

/// <summary>A judged segment whose verdict changed because of late evidence.</summary>
public sealed record SegmentRevision(SegmentReport Previous, SegmentReport Current);
