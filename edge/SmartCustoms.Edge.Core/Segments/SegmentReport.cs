using SmartCustoms.Edge.Core.Fusion;

namespace SmartCustoms.Edge.Core.Segments;

/// <summary>A judged segment: the payload of the <c>segment</c> event.</summary>
/// <param name="Number">Segment number since tracking started (belt coordinate order).</param>
/// <param name="LotId">The lot that was open when the segment's head reached the first sensor; null outside a lot.</param>
/// <param name="StartMetres">Belt coordinate of the segment's head.</param>
/// <param name="EndMetres">Belt coordinate of its tail.</param>
/// <param name="StartTonnes">Totaliser at the head (Tonnes mode), else null.</param>
/// <param name="EndTonnes">Totaliser at the tail (Tonnes mode), else null.</param>
/// <param name="Verdict">Clear, suspect or contaminated.</param>
/// <param name="Findings">Every rule that fired.</param>
/// <param name="Counts">Observation counts.</param>
/// <param name="EvidenceIds">Ids of the observations behind the findings (capped).</param>
/// <param name="ContaminantShares">Estimated contaminant share by material.</param>
/// <param name="ModelIds">Models whose results were used.</param>
/// <param name="HotspotMetres">Belt coordinate of the strongest contaminant evidence (where a cut aims), if any.</param>
/// <param name="Revision">0 for the first judgement; higher when late evidence changed the verdict.</param>
/// <param name="JudgedAt">Wall-clock time of the judgement (display only).</param>
/// <param name="Early">Judged while the segment was still passing the sensors, as soon as its evidence made it suspect or contaminated.</param>
/// <param name="DecidedBy">Id of the observation whose arrival produced this verdict (null for clear segments and radiation readings).</param>
/// <param name="DecisionLatencyMs">
/// From the acquisition of the deciding observation (spectrum or frame time, on the gateway's monotonic clock) to
/// this verdict, ms: instrument buffering + inference + queueing. Null for clear segments.
/// </param>
public sealed record SegmentReport(
    long Number,
    string? LotId,
    double StartMetres,
    double EndMetres,
    double? StartTonnes,
    double? EndTonnes,
    SegmentVerdict Verdict,
    IReadOnlyList<Finding> Findings,
    SegmentEvidenceCounts Counts,
    SegmentEvidenceIds EvidenceIds,
    IReadOnlyList<MaterialShare> ContaminantShares,
    IReadOnlyList<string> ModelIds,
    double? HotspotMetres,
    int Revision,
    DateTimeOffset JudgedAt,
    bool Early = false,
    string? DecidedBy = null,
    double? DecisionLatencyMs = null)
{
    public double LengthMetres => EndMetres - StartMetres;
}
