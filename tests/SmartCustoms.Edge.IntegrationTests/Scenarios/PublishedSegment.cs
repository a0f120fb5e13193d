using System.Text.Json;

namespace SmartCustoms.Edge.IntegrationTests.Scenarios;

/// <summary>A segment's latest published verdict (the last <c>segment</c> event for its number).</summary>
public sealed record PublishedSegment(
    long Number,
    string? LotId,
    double StartMetres,
    double EndMetres,
    string Verdict,
    double? HotspotMetres,
    IReadOnlyList<string> Findings)
{
    public bool Flagged => Verdict != "clear";

    public bool Contains(double coordinate, double tolerance) => coordinate >= StartMetres - tolerance && coordinate < EndMetres + tolerance;

    public static IReadOnlyList<PublishedSegment> Latest(IEnumerable<ScenarioMessage> segmentEvents) =>
        [.. segmentEvents
            .GroupBy(m => m.Data.GetProperty("number").GetInt64())
            .Select(g => g.MaxBy(m => m.Data.GetProperty("revision").GetInt32())!)
            .Select(m => m.Data)
            .Select(d => new PublishedSegment(
                d.GetProperty("number").GetInt64(),
                d.GetProperty("lotId").ValueKind == JsonValueKind.String ? d.GetProperty("lotId").GetString() : null,
                d.GetProperty("startMetres").GetDouble(),
                d.GetProperty("endMetres").GetDouble(),
                d.GetProperty("verdict").GetString()!,
                d.GetProperty("hotspotMetres").ValueKind == JsonValueKind.Number ? d.GetProperty("hotspotMetres").GetDouble() : null,
                [.. d.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("code").GetString()!)]))
            .OrderBy(s => s.Number)];
}
