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
    /// <summary>Verifies one file as a whole chain (its first record links to the genesis hash).</summary>
    public static AuditVerification Verify(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        return Verify(stream);
    }

    public static AuditVerification Verify(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var walk = new Walk();
        return walk.Read(stream, null) ?? walk.Result();
    }

    /// <summary>
    /// Verifies the whole chain of an audit folder across its closed files and <c>audit.jsonl</c>
    /// (<see cref="AuditFiles"/>): seq and <c>prev</c> continue from one file to the next. A missing closed file
    /// shows as a cut chain at the first record after it.
    /// </summary>
    public static AuditVerification VerifyFolder(string auditFolder)
    {
        var walk = new Walk();
        foreach (var file in AuditFiles.InOrder(auditFolder))
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            if (walk.Read(stream, Path.GetFileName(file)) is { } broken)
            {
                return broken;
            }
        }

        return walk.Result();
    }

    /// <summary>The state carried along the chain, file after file.</summary>
    private sealed class Walk
    {
        private readonly SortedDictionary<string, long> _byCategory = new(StringComparer.Ordinal);
        private string _previous = AuditRecordJson.GenesisHash;
        private string? _last;
        private long _line;
        private int _files;

        /// <summary>Reads one file; returns the failed verification at its first broken record, or null.</summary>
        public AuditVerification? Read(Stream stream, string? file)
        {
            _files++;
            using var reader = new StreamReader(stream, new UTF8Encoding(false, throwOnInvalidBytes: true));
            string? text;
            while ((text = reader.ReadLine()) is not null)
            {
                _line++;
                var problem = Check(text, _line, _previous, out var hash, out var category);
                if (problem is not null)
                {
                    return new AuditVerification(false, _line - 1, _byCategory, _line, problem, _last) { BrokenFile = file, Files = _files };
                }

                _byCategory[category!] = _byCategory.GetValueOrDefault(category!) + 1;
                _previous = hash!;
                _last = hash;
            }

            return null;
        }

        public AuditVerification Result() => new(true, _line, _byCategory, null, null, _last) { Files = _files };
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
