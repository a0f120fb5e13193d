namespace SmartCustoms.Perf.Processes;

/// <summary>One envelope as the gateway stored it.</summary>
internal sealed record StoredEvent(long Seq, string Id, string Schema, string Json);
