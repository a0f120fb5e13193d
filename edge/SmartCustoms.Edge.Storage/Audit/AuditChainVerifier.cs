using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SmartCustoms.Edge.Storage.Audit;

/// <summary>
/// Walks an audit log from its first record and stops at the first one that is not what the writer wrote:
/// not JSON, a seq out of order, a <c>prev</c> that is not the previous record's hash (a record removed or
/// inserted), or a <c>hash</c> that does not match the record's content (a record changed). Reads only;
/// safe while the gateway appends (the file is opened shared).
/// </summary>
public static class AuditChainVerifier
{
    public static AuditVerification Verify(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        return Verify(stream);
    }

    public static AuditVerification Verify(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var byCategory = new SortedDictionary<string, long>(StringComparer.Ordinal);
        var previous = AuditRecordJson.GenesisHash;
        string? last = null;
        long line = 0;
        using var reader = new StreamReader(stream, new UTF8Encoding(false, throwOnInvalidBytes: true));
        string? text;
        while ((text = reader.ReadLine()) is not null)
        {
            line++;
            var problem = Check(text, line, previous, out var hash, out var category);
            if (problem is not null)
            {
                return new AuditVerification(false, line - 1, byCategory, line, problem, last);
            }

            byCategory[category!] = byCategory.GetValueOrDefault(category!) + 1;
            previous = hash!;
            last = hash;
        }

        return new AuditVerification(true, line, byCategory, null, null, last);
    }

    private static string? Check(string text, long line, string previousHash, out string? hash, out string? category)
    {
        hash = null;
        category = null;
        JsonObject? record;
        try
        {
            record = JsonNode.Parse(text) as JsonObject;
        }
        catch (JsonException ex)
        {
            return $"not valid JSON ({ex.Message})";
        }

        if (record is null)
        {
            return "not a JSON object";
        }

        if (record["seq"] is not JsonValue seqValue || !seqValue.TryGetValue<long>(out var seq) || seq != line)
        {
            return $"seq is {record["seq"]?.ToJsonString() ?? "missing"}, expected {line} (a record was removed, inserted or renumbered)";
        }

        var stored = record["hash"]?.GetValueKind() == JsonValueKind.String ? record["hash"]!.GetValue<string>() : null;
        if (stored is null)
        {
            return "hash is missing";
        }

        var prev = record["prev"]?.GetValueKind() == JsonValueKind.String ? record["prev"]!.GetValue<string>() : null;
        if (prev != previousHash)
        {
            return $"prev is {prev ?? "missing"}, but the record before has hash {previousHash} (the chain is cut here)";
        }

        var actual = AuditRecordJson.HashOf(record);
        if (actual != stored)
        {
            return $"content does not match its hash (stored {stored}, computed {actual}): the record was changed after it was written";
        }

        category = record["category"]?.GetValueKind() == JsonValueKind.String ? record["category"]!.GetValue<string>() : "(none)";
        hash = stored;
        return null;
    }
}
