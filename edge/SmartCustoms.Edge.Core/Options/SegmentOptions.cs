namespace SmartCustoms.Edge.Core.Options;

/// <summary>Settings of section <c>Lane:Segments</c>.</summary>
public sealed class SegmentOptions
{
    public const string SectionName = "Lane:Segments";

    public SegmentMode Mode { get; set; } = SegmentMode.Length;

    /// <summary>Segment length in Length mode, m.</summary>
    public double LengthMetres { get; set; } = 10;

    /// <summary>Segment tonnage in Tonnes mode, t (measured at the belt scale).</summary>
    public double Tonnes { get; set; } = 20;

    /// <summary>
    /// Extra belt travel after a segment's end passed the last sensor before it is judged, m. Gives late
    /// observations (inference latency) time to arrive: at 5 m/s, 0.25 m is 50 ms. It adds directly to the
    /// decision latency; observations later than this still revise the verdict.
    /// </summary>
    public double SettleMetres { get; set; } = 0.25;

    /// <summary>
    /// Publish a segment's verdict as soon as its evidence makes it suspect or contaminated (a <c>segment/judged</c>
    /// event while it is still passing the sensors), instead of waiting for its tail to pass the last sensor. A later
    /// change (more evidence) follows as <c>segment/revised</c>. Keeps the decision latency to the inference
    /// latency and gives triggered cuts the most time to reach the cutter.
    /// </summary>
    public bool EarlyVerdicts { get; set; } = true;

    /// <summary>Judged segments kept so a late observation can still revise their verdict.</summary>
    public int RecentJudgedKept { get; set; } = 256;

    /// <summary>Evidence ids kept per segment and kind (the counts are always complete).</summary>
    public int MaxEvidenceIds { get; set; } = 20;
}
