using System.Text.Json.Nodes;

namespace SmartCustoms.Edge.Storage.Evidence;

/// <summary>An evidence record as indexed: its metadata and the files stored beside it. Immutable.</summary>
/// <param name="Id">Evidence id (<c>ev-…</c>), carried by the event payload as <c>evidenceId</c>.</param>
/// <param name="CreatedAt">When it was stored (UTC).</param>
/// <param name="Kind">detection, alarm, segment, ….</param>
/// <param name="Lot">Lot, if any.</param>
/// <param name="AlarmId">Alarm, if any.</param>
/// <param name="AlarmAcknowledged">True once the alarm was acknowledged (its evidence may then age out).</param>
/// <param name="Files">The files, each with its SHA-256.</param>
/// <param name="Metadata">Model, thresholds, calibration, details and device, as stored.</param>
public sealed record EvidenceRecord(
    string Id,
    DateTimeOffset CreatedAt,
    string Kind,
    string? Lot,
    string? AlarmId,
    bool AlarmAcknowledged,
    IReadOnlyList<EvidenceFile> Files,
    JsonObject Metadata)
{
    /// <summary>Bytes of all files.</summary>
    public long TotalBytes => Files.Sum(f => f.Bytes);
}
