using System.Text;

namespace SmartCustoms.Edge.Storage;

/// <summary>
/// An event as stored: the draft plus its identity and the exact envelope JSON that is published and served
/// (built once at append, so re-sends are byte-identical). Immutable.
/// </summary>
public sealed record StoredEvent(
    long Seq,
    string Id,
    DateTimeOffset Timestamp,
    string Type,
    string Schema,
    string TopicSuffix,
    bool Retained,
    EventPriority Priority,
    string? Lot,
    bool Delivered,
    string EnvelopeJson)
{
    /// <summary>The envelope as UTF-8 bytes (the MQTT payload).</summary>
    public byte[] EnvelopeUtf8() => Encoding.UTF8.GetBytes(EnvelopeJson);
}
