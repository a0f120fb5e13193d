namespace SmartCustoms.Edge.Core.Options;

/// <summary>How the belt is cut into segments.</summary>
public enum SegmentMode
{
    /// <summary>Fixed length of belt, <c>Lane:Segments:LengthMetres</c>.</summary>
    Length,

    /// <summary>Fixed tonnage through the belt scale, <c>Lane:Segments:Tonnes</c>.</summary>
    Tonnes,
}
