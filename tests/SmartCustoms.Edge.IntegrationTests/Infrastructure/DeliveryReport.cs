using System.Globalization;
using System.Text;
using System.Text.Json;

namespace SmartCustoms.Edge.IntegrationTests.Infrastructure;

/// <summary>
/// What a subscriber received compared with what the gateway stored: losses, duplicates (and whether they are
/// true re-sends of the same envelope), and order within each outbox priority class. Pure.
/// </summary>
public sealed class DeliveryReport
{
    private DeliveryReport()
    {
    }

    public int Stored { get; private init; }

    /// <summary>Messages carrying a seq that the subscriber received, duplicates included.</summary>
    public int Received { get; private init; }

    public int Distinct { get; private init; }

    /// <summary>Stored events never received.</summary>
    public IReadOnlyList<long> Missing { get; private init; } = [];

    /// <summary>Receipts of an id already received.</summary>
    public int Duplicates { get; private init; }

    /// <summary>Duplicates whose payload differs from the first receipt (must be none: a re-send is the same envelope).</summary>
    public IReadOnlyList<string> AlteredDuplicates { get; private init; } = [];

    /// <summary>Received envelopes whose id/seq/payload do not match the stored one with that seq.</summary>
    public IReadOnlyList<string> Mismatches { get; private init; } = [];

    /// <summary>First receipts of a seq lower than one already received in the same priority class.</summary>
    public IReadOnlyList<string> Reorderings { get; private init; } = [];

    /// <summary>Seqs missing from the store itself between 1 and its highest seq.</summary>
    public IReadOnlyList<long> StoreGaps { get; private init; } = [];

    /// <summary>The outbox priority of a schema (as in EventDraft/LaneEventDrafts): 0 state and alarms, 1 verdicts, 2 others.</summary>
    public static int PriorityOf(string schema) => schema switch
    {
        "sc.lane.state/1" or "sc.device.state/1" or "sc.event.alarm/1" => 0,
        "sc.event.segment/1" or "sc.event.lot/1" or "sc.event.brand/1" or "sc.lot.verdict/1" => 1,
        _ => 2,
    };

    public static DeliveryReport Compare(IReadOnlyList<StoredEnvelope> stored, IEnumerable<ReceivedMessage> received)
    {
        var bySeq = stored.ToDictionary(s => s.Seq);
        var firstById = new Dictionary<string, string>(StringComparer.Ordinal);
        var seqs = new HashSet<long>();
        var maxSeqByClass = new Dictionary<int, long>();
        var altered = new List<string>();
        var mismatches = new List<string>();
        var reorderings = new List<string>();
        int count = 0, duplicates = 0;
        foreach (var message in received)
        {
            if (!TryEnvelope(message.Payload, out var seq, out var id, out var schema))
            {
                continue; // telemetry and the Last Will carry no seq
            }

            count++;
            if (firstById.TryGetValue(id, out var first))
            {
                duplicates++;
                if (first != message.Payload)
                {
                    altered.Add($"id {id}: first {first} then {message.Payload}");
                }

                continue;
            }

            firstById[id] = message.Payload;
            seqs.Add(seq);
            if (bySeq.TryGetValue(seq, out var s) && (s.Id != id || !SameJson(s.Json, message.Payload)))
            {
                mismatches.Add($"seq {seq}: stored {s.Json} but received {message.Payload}");
            }

            var priority = PriorityOf(schema);
            if (maxSeqByClass.TryGetValue(priority, out var max) && seq < max)
            {
                reorderings.Add($"priority {priority}: seq {seq} ({schema}) after seq {max}");
            }

            maxSeqByClass[priority] = Math.Max(seq, max);
        }

        var last = stored.Count == 0 ? 0 : stored.Max(s => s.Seq);
        return new DeliveryReport
        {
            Stored = stored.Count,
            Received = count,
            Distinct = firstById.Count,
            Missing = [.. stored.Select(s => s.Seq).Where(q => !seqs.Contains(q)).Order()],
            Duplicates = duplicates,
            AlteredDuplicates = altered,
            Mismatches = mismatches,
            Reorderings = reorderings,
            StoreGaps = [.. Enumerable.Range(1, (int)last).Select(i => (long)i).Where(q => !bySeq.ContainsKey(q))],
        };
    }

    public string Summary => string.Create(CultureInfo.InvariantCulture,
        $"stored {Stored}, received {Received} ({Distinct} distinct ids), missing {Missing.Count}, duplicates {Duplicates} " +
        $"(altered {AlteredDuplicates.Count}), mismatches {Mismatches.Count}, reorderings within a priority {Reorderings.Count}, store gaps {StoreGaps.Count}");

    /// <summary>Fails with the details when anything was lost, altered, mismatched, reordered (if <paramref name="order"/>) or the store has gaps.</summary>
    public void AssertComplete(bool order = true)
    {
        if (Missing.Count == 0 && AlteredDuplicates.Count == 0 && Mismatches.Count == 0 && (!order || Reorderings.Count == 0) && StoreGaps.Count == 0)
        {
            return;
        }

        var text = new StringBuilder(Summary).AppendLine();
        Append(text, "missing seqs", Missing.Select(m => m.ToString(CultureInfo.InvariantCulture)));
        Append(text, "altered duplicates", AlteredDuplicates);
        Append(text, "mismatches", Mismatches);
        Append(text, "reorderings", Reorderings);
        Append(text, "store gaps", StoreGaps.Select(m => m.ToString(CultureInfo.InvariantCulture)));
        Assert.Fail(text.ToString());
    }

    private static void Append(StringBuilder text, string what, IEnumerable<string> items)
    {
        var list = items.Take(20).ToList();
        if (list.Count > 0)
        {
            text.Append(what).Append(": ").AppendJoin("; ", list).AppendLine();
        }
    }

    internal static bool TryEnvelope(string payload, out long seq, out string id, out string schema)
    {
        seq = 0;
        id = schema = "";
        try
        {
            using var document = JsonDocument.Parse(payload);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("seq", out var s) || !s.TryGetInt64(out seq)
                || !root.TryGetProperty("id", out var i) || !root.TryGetProperty("schema", out var c))
            {
                return false;
            }

            id = i.GetString() ?? "";
            schema = c.GetString() ?? "";
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static bool SameJson(string a, string b)
    {
        using var x = JsonDocument.Parse(a);
        using var y = JsonDocument.Parse(b);
        return JsonElement.DeepEquals(x.RootElement, y.RootElement);
    }
}
