using System.Globalization;
using System.Text;
using System.Text.Json;

namespace SmartCustoms.Edge.Storage;

/// <summary>
/// Writes the contract's envelope:
/// <c>{"schema","id","seq","ts","site","lane","lot","data"}</c>. Pure; thread-safe.
/// </summary>
public static class EnvelopeWriter
{
    /// <summary>ISO 8601 UTC with milliseconds, e.g. <c>2026-11-27T04:50:01.123Z</c>.</summary>
    public static string FormatTimestamp(DateTimeOffset timestamp) =>
        timestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>The envelope of a stored (QoS 1) event.</summary>
    public static string Write(EventDraft draft, long seq, string id, DateTimeOffset timestamp, string site,
        string lane)
    {
        ArgumentNullException.ThrowIfNull(draft);
        return Write(draft.Schema, id, seq, timestamp, site, lane, draft.Lot, draft.Data);
    }

    /// <summary>An envelope; <paramref name="seq"/> null leaves <c>seq</c> out (telemetry, the Last Will).</summary>
    public static string Write(string schema, string id, long? seq, DateTimeOffset timestamp, string site, string lane,
        string? lot, System.Text.Json.Nodes.JsonNode? data)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("schema", schema);
            writer.WriteString("id", id);
            if (seq is { } s)
            {
                writer.WriteNumber("seq", s);
            }

            writer.WriteString("ts", FormatTimestamp(timestamp));
            writer.WriteString("site", site);
            writer.WriteString("lane", lane);
            if (lot is null)
            {
                writer.WriteNull("lot");
            }
            else
            {
                writer.WriteString("lot", lot);
            }

            writer.WritePropertyName("data");
            if (data is null)
            {
                writer.WriteStartObject();
                writer.WriteEndObject();
            }
            else
            {
                data.WriteTo(writer);
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
