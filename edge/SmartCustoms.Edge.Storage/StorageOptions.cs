namespace SmartCustoms.Edge.Storage;

/// <summary>Settings of section <c>Storage</c>.</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary>Folder holding <c>events.db</c> and <c>events-log.db</c>. Created when missing.</summary>
    public string Path { get; set; } = "./data";

    /// <summary>Site stamped into envelopes. Empty: taken from <c>Mqtt:Site</c> when messaging is registered.</summary>
    public string Site { get; set; } = "";

    /// <summary>Lane stamped into envelopes. Empty: taken from <c>Mqtt:Lane</c> when messaging is registered.</summary>
    public string Lane { get; set; } = "";

    /// <summary>Budget for stored events (estimated bytes). Normal events are refused beyond it.</summary>
    public long MaxDiskBytes { get; set; } = 2L * 1024 * 1024 * 1024;

    /// <summary>Extra room above <see cref="MaxDiskBytes"/> kept for critical and high events (alarms, state,
    /// verdicts); beyond budget + reserve every append is refused.</summary>
    public long CriticalReserveBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>Delivered events older than this are pruned. Undelivered events are never pruned.</summary>
    public double RetentionDays { get; set; } = 30;

    /// <summary>How often the retention pruning runs.</summary>
    public TimeSpan RetentionCheckInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Most appends grouped into one transaction and one fsync.</summary>
    public int CommitBatchMaxSize { get; set; } = 256;

    /// <summary>Largest accepted envelope in bytes (evidence belongs beside the event, not in it).</summary>
    public int MaxEventBytes { get; set; } = 256 * 1024;

    /// <summary>Evidence records older than this are pruned, unless held for an open lot or an unacknowledged alarm.</summary>
    public double EvidenceRetentionDays { get; set; } = 90;

    /// <summary>Budget for evidence files; the oldest records beyond it are pruned (never held ones).</summary>
    public long EvidenceMaxDiskBytes { get; set; } = 4L * 1024 * 1024 * 1024;

    /// <summary>
    /// Size at which <c>audit/audit.jsonl</c> is closed as <c>audit-{first}-{last}.jsonl</c> and a new file continues the
    /// chain, so that opening the log at start reads one bounded file. Closed files are never deleted by the gateway.
    /// </summary>
    public long AuditFileMaxBytes { get; set; } = 32L * 1024 * 1024;
}
