using System.Text.Json;

namespace SmartCustoms.Perf.Mqtt;

/// <summary>A message as the persistent subscriber received it, with when (wall clock and monotonic).</summary>
internal sealed record Receipt(string Topic, string Payload, bool Retain, DateTimeOffset ReceivedUtc, long ReceivedTimestamp)
{
    /// <summary>The envelope's seq/id/schema, or null for messages without a seq (Last Will, telemetry).</summary>
    public (long Seq, string Id, string Schema)? Envelope()
    {
        try
        {
            using var document = JsonDocument.Parse(Payload);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("seq", out var seq) && seq.TryGetInt64(out var s)
                && root.TryGetProperty("id", out var id) && root.TryGetProperty("schema", out var schema))
            {
                return (s, id.GetString() ?? string.Empty, schema.GetString() ?? string.Empty);
            }
        }
        catch (JsonException)
        {
        }

        return null;
    }
}
