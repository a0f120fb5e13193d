using System.Diagnostics.Metrics;

namespace SmartCustoms.Edge.Storage;

/// <summary>Store metrics on meter <c>SmartCustoms.Edge.Storage</c>. Thread-safe.</summary>
internal sealed class StorageMetrics : IDisposable
{
    public const string MeterName = "SmartCustoms.Edge.Storage";

    private readonly Meter _meter = new(MeterName);
    private readonly Counter<long> _appended;
    private readonly Counter<long> _fsyncs;
    private readonly Counter<long> _refused;
    private readonly Counter<long> _commitFailures;
    private readonly Histogram<int> _batchSize;

    public StorageMetrics(IEventStore store)
    {
        _appended = _meter.CreateCounter<long>("sc.store.appended", "{event}", "Events stored durably");
        _fsyncs = _meter.CreateCounter<long>("sc.store.fsyncs", "{fsync}", "fsync calls on the log file");
        _refused = _meter.CreateCounter<long>("sc.store.refused", "{event}", "Appends refused by the disk budget");
        _commitFailures = _meter.CreateCounter<long>("sc.store.commit_failures", "{commit}", "Failed commit groups");
        _batchSize = _meter.CreateHistogram<int>("sc.store.commit_batch", "{event}", "Events per commit group");
        _meter.CreateObservableGauge("sc.store.pending", () => store.PendingCount, "{event}",
            "Stored events not yet acknowledged by the broker");
        _meter.CreateObservableGauge("sc.store.bytes", () => store.StoredBytes, "By", "Estimated stored bytes");
        _meter.CreateObservableGauge("sc.store.last_seq", () => store.LastSeq, "{seq}", "Highest stored seq");
        _meter.CreateObservableGauge("sc.store.over_budget", () => store.IsOverBudget ? 1 : 0, "{bool}",
            "1 while the disk budget is reached");
    }

    public void Committed(int appended)
    {
        if (appended > 0)
        {
            _appended.Add(appended);
            _batchSize.Record(appended);
        }
    }

    public void Synced() => _fsyncs.Add(1);

    public void Refused(EventPriority priority) =>
        _refused.Add(1, new KeyValuePair<string, object?>("priority", priority.ToString()));

    public void CommitFailed() => _commitFailures.Add(1);

    public void Dispose() => _meter.Dispose();
}
