namespace SmartCustoms.Edge.Core.Fusion;

/// <summary>What a detection in a camera frame is to the <see cref="VisualItemTracker"/>.</summary>
public enum VisualSightingKind
{
    /// <summary>An item not seen before: report it.</summary>
    New,

    /// <summary>A remembered item seen better than reported (higher score, larger, or seen in enough frames): report it again, same id.</summary>
    Better,

    /// <summary>A remembered item, no better than reported: nothing to report.</summary>
    Continuation,
}
