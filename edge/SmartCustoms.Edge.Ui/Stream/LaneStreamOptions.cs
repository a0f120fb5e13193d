namespace SmartCustoms.Edge.Ui.Stream;

/// <summary>Fixed pacing of the live stream (not settings: the page is designed around them).</summary>
internal static class LaneStreamPacing
{
    /// <summary>A lane snapshot this often.</summary>
    public static readonly TimeSpan SnapshotEvery = TimeSpan.FromMilliseconds(500);

    /// <summary>Stored events buffered per browser; beyond that the oldest are dropped and the page is told.</summary>
    public const int StoredEventsBuffered = 512;
}
