using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace SmartCustoms.Edge.Storage.Audit;

/// <summary>How a record becomes a line and how its hash is computed; shared by writer and verifier. Pure.</summary>
internal static class AuditRecordJson
{
    public const string GenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";

    /// <summary>SHA-256 (lower-case hex) of the record's canonical JSON without its <c>hash</c> field.</summary>
    public static string HashOf(JsonObject record)
    {
        var withoutHash = (JsonObject)record.DeepClone();
        withoutHash.Remove("hash");
        return Convert.ToHexStringLower(SHA256.HashData(CanonicalJson.Serialize(withoutHash)));
    }

    public static JsonObject Build(AuditEntry entry, long seq, DateTimeOffset timestamp, string previousHash)
    {
        var record = new JsonObject
        {
            ["seq"] = seq,
            ["ts"] = EnvelopeWriter.FormatTimestamp(timestamp),
            ["category"] = entry.Category,
            ["action"] = entry.Action,
            ["actor"] = entry.Actor,
            ["source"] = entry.Source,
            ["lot"] = entry.Lot,
            ["outcome"] = entry.Outcome,
            ["details"] = entry.Details?.DeepClone(),
            ["prev"] = previousHash,
        };
        record["hash"] = HashOf(record);
        return record;
    }
}
