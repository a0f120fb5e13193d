namespace SmartCustoms.Edge.Core.Fusion;

/// <summary>A segment's verdict, worst last.</summary>
public enum SegmentVerdict
{
    Clear,
    Suspect,
    Contaminated,
}
