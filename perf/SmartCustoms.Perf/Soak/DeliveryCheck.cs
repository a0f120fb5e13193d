using System.Text.Json;
using SmartCustoms.Perf.Mqtt;
using SmartCustoms.Perf.Processes;

namespace SmartCustoms.Perf.Soak;

/// <summary>
/// Every stored event against what the persistent subscriber received: lost, duplicated (and altered re-sends),
/// mismatched, out of order within an outbox priority class, gaps in the store's seq. Pure.
/// </summary>
internal sealed record DeliveryCheck(
    int Stored,
    int ReceivedWithSeq,
    int Distinct,
    IReadOnlyList<long> Lost,
    int Duplicates,
    int AlteredDuplicates,
    int Mismatches,
    IReadOnlyDictionary<int, int> OutOfOrderByPriority,
    IReadOnlyList<long> StoreGaps,
    IReadOnlyList<string> Examples)
{
    /// <summary>The outbox priority of a schema (as the gateway's EventDraft/LaneEventDrafts): 0 state and alarms, 1 verdicts, 2 others.</summary>
    public static int PriorityOf(string schema) => schema switch
    {
        "sc.lane.state/1" or "sc.device.state/1" or "sc.event.alarm/1" => 0,
        "sc.event.segment/1" or "sc.event.lot/1" or "sc.event.brand/1" or "sc.lot.verdict/1" => 1,
        _ => 2,
    };

    public int OutOfOrder => OutOfOrderByPriority.Values.Sum();

    public static DeliveryCheck Compare(IReadOnlyList<StoredEvent> stored, IEnumerable<Receipt> received)
    {
        var bySeq = stored.ToDictionary(s => s.Seq);
        var lastSeq = stored.Count == 0 ? 0 : stored.Max(s => s.Seq);
        var firstById = new Dictionary<string, string>(StringComparer.Ordinal);
        var seen = new HashSet<long>();
        var maxByPriority = new Dictionary<int, long>();
        var outOfOrder = new Dictionary<int, int> { [0] = 0, [1] = 0, [2] = 0 };
        var examples = new List<string>();
        int withSeq = 0, duplicates = 0, altered = 0, mismatches = 0;
        foreach (var receipt in received)
        {
            if (receipt.Envelope() is not { } e || e.Seq > lastSeq)
            {
                continue; // the Last Will carries no seq; events after the final read are not compared
            }

            withSeq++;
            if (firstById.TryGetValue(e.Id, out var first))
            {
                duplicates++;
                if (first != receipt.Payload)
                {
                    altered++;
                    Example(examples, $"altered re-send of {e.Id}");
                }

                continue;
            }

            firstById[e.Id] = receipt.Payload;
            seen.Add(e.Seq);
            if (bySeq.TryGetValue(e.Seq, out var s) && (s.Id != e.Id || !SameJson(s.Json, receipt.Payload)))
            {
                mismatches++;
                Example(examples, $"seq {e.Seq}: stored {s.Id}, received {e.Id}");
            }

            var priority = PriorityOf(e.Schema);
            if (maxByPriority.TryGetValue(priority, out var max) && e.Seq < max)
            {
                outOfOrder[priority]++;
                Example(examples, $"priority {priority}: seq {e.Seq} ({e.Schema}) after seq {max}");
            }

            maxByPriority[priority] = Math.Max(max, e.Seq);
        }

        var lost = stored.Select(s => s.Seq).Where(q => !seen.Contains(q)).Order().ToList();
        foreach (var q in lost.Take(5))
        {
            Example(examples, $"lost seq {q} ({bySeq[q].Schema})");
        }

        var gaps = new List<long>();
        for (long q = 1; q <= lastSeq; q++)
        {
            if (!bySeq.ContainsKey(q))
            {
                gaps.Add(q);
            }
        }

        return new DeliveryCheck(stored.Count, withSeq, firstById.Count, lost, duplicates, altered, mismatches, outOfOrder, gaps, examples);
    }

    private static void Example(List<string> examples, string text)
    {
        if (examples.Count < 20)
        {
            examples.Add(text);
        }
    }

    private static bool SameJson(string a, string b)
    {
        using var x = JsonDocument.Parse(a);
        using var y = JsonDocument.Parse(b);
        return JsonElement.DeepEquals(x.RootElement, y.RootElement);
    }
}
