using SmartCustoms.Edge.Storage;

namespace SmartCustoms.Edge.Observability;

/// <summary>
/// The label values of the gateway's counters that are split by something other than the device, so that
/// <see cref="CounterZeroSeeder"/> can show each series at 0 before its first event. A value missing here is
/// not an error: its series then appears at its first increment, as before. Pure.
/// </summary>
internal static class CounterSeeds
{
    private static readonly Dictionary<string, KeyValuePair<string, object?>[][]> Labelled = new(StringComparer.Ordinal)
    {
        // StorageMetrics.Refused: one series per priority.
        ["sc.store.refused"] = By("priority", Enum.GetNames<EventPriority>()),

        // MessagingMetrics.Command: the results CommandListener reports.
        ["sc.mqtt.commands"] = By("result", "ok", "error", "busy", "malformed", "no_response_topic"),

        // LaneEvidenceRecorder: evidence of detections, raised alarms and judged segments.
        ["sc.evidence.saved"] = By("kind", "detection", "alarm", "segment"),
        ["sc.evidence.failures"] = By("kind", "detection", "alarm", "segment"),
    };

    /// <summary>
    /// The label sets to show at 0 for one counter: its known label values when it has any, else one series
    /// per device for the drivers' meters (tag <c>device</c>), else the single unlabelled series.
    /// </summary>
    public static IReadOnlyList<KeyValuePair<string, object?>[]> For(string meter, string instrument, IReadOnlyDictionary<string, string[]> devicesByMeter)
    {
        if (Labelled.TryGetValue(instrument, out var labelled))
        {
            return labelled;
        }

        if (devicesByMeter.TryGetValue(meter, out var devices))
        {
            return [.. devices.Select(d => new[] { new KeyValuePair<string, object?>("device", d) })];
        }

        return [[]];
    }

    private static KeyValuePair<string, object?>[][] By(string label, params string[] values) =>
        [.. values.Select(v => new[] { new KeyValuePair<string, object?>(label, v) })];
}
