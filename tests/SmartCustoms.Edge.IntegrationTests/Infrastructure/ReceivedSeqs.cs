namespace SmartCustoms.Edge.IntegrationTests.Infrastructure;

/// <summary>
/// The seqs a subscriber has received so far, updated incrementally (parsing thousands of payloads on every poll
/// would steal the CPU the gateway needs). Not thread-safe: one polling loop.
/// </summary>
public sealed class ReceivedSeqs
{
    private readonly HashSet<long> _seqs = [];
    private int _seen;

    public bool ContainsAll(IReadOnlyList<ReceivedMessage> received, IEnumerable<StoredEnvelope> stored)
    {
        for (; _seen < received.Count; _seen++)
        {
            if (DeliveryReport.TryEnvelope(received[_seen].Payload, out var seq, out _, out _))
            {
                _seqs.Add(seq);
            }
        }

        return stored.All(e => _seqs.Contains(e.Seq));
    }
}
