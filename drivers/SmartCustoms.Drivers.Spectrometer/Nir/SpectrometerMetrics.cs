using System.Diagnostics.Metrics;

namespace SmartCustoms.Drivers.Spectrometer.Nir;

/// <summary>
/// Counters of the NIR driver, published on the meter <c>SmartCustoms.Drivers.Spectrometer</c>
/// and mirrored as plain totals for the UI and tests. Thread-safe.
/// </summary>
public sealed class SpectrometerMetrics : IDisposable
{
    public const string MeterName = "SmartCustoms.Drivers.Spectrometer";

    private readonly Meter? _ownedMeter;
    private readonly Counter<long> _spectra;
    private readonly Counter<long> _badReplies;
    private readonly Counter<long> _timeouts;
    private readonly Counter<long> _failures;
    private readonly Counter<long> _connects;
    private readonly Counter<long> _missing;
    private readonly Counter<long> _slowReplies;
    private readonly KeyValuePair<string, object?> _deviceTag;
    private long _spectraTotal;
    private long _badRepliesTotal;
    private long _timeoutsTotal;
    private long _failuresTotal;
    private long _connectsTotal;
    private long _missingTotal;
    private long _slowRepliesTotal;

    /// <param name="meterFactory">The host's factory; without one the metrics own a private meter.</param>
    public SpectrometerMetrics(string deviceName, IMeterFactory? meterFactory)
    {
        var meter = meterFactory?.Create(new MeterOptions(MeterName)) ?? (_ownedMeter = new Meter(MeterName));
        _deviceTag = new("device", deviceName);
        _spectra = meter.CreateCounter<long>("sc.nir.spectra", "{spectrum}", "Spectra received from the instrument");
        _badReplies = meter.CreateCounter<long>("sc.nir.bad_replies", "{reply}", "Malformed, truncated or oversized replies (bad blocks)");
        _timeouts = meter.CreateCounter<long>("sc.nir.timeouts", "{reply}", "Replies that did not arrive within the reply timeout");
        _failures = meter.CreateCounter<long>("sc.nir.failures", "{operation}", "Operations that failed and closed the connection");
        _missing = meter.CreateCounter<long>("sc.nir.missing_spectra", "{spectrum}", "Spectra the instrument skipped (gaps in its sequence numbers)");
        _slowReplies = meter.CreateCounter<long>("sc.nir.slow_replies", "{reply}", "Replies that came later than the slow-reply limit (data used)");
        _connects = meter.CreateCounter<long>("sc.nir.connects", "{connection}", "Connections opened (the first one and every reconnect)");
    }

    public long Spectra => Interlocked.Read(ref _spectraTotal);

    /// <summary>Malformed, truncated or oversized replies, including bad blocks.</summary>
    public long BadReplies => Interlocked.Read(ref _badRepliesTotal);

    /// <summary>Spectra skipped by the instrument, from gaps in sequence numbers between and within bursts.</summary>
    public long MissingSpectra => Interlocked.Read(ref _missingTotal);

    public long Timeouts => Interlocked.Read(ref _timeoutsTotal);

    /// <summary>Replies later than <c>SlowReplyLimit</c> (their data was used).</summary>
    public long SlowReplies => Interlocked.Read(ref _slowRepliesTotal);

    public long Failures => Interlocked.Read(ref _failuresTotal);

    /// <summary>Connections opened, the first included.</summary>
    public long Connects => Interlocked.Read(ref _connectsTotal);

    /// <summary>Connections opened after the first one.</summary>
    public long Reconnects => Math.Max(0, Connects - 1);

    internal void AddSpectra(int count)
    {
        Interlocked.Add(ref _spectraTotal, count);
        _spectra.Add(count, _deviceTag);
    }

    internal void Missing(long count)
    {
        Interlocked.Add(ref _missingTotal, count);
        _missing.Add(count, _deviceTag);
    }

    internal void BadReply()
    {
        Interlocked.Increment(ref _badRepliesTotal);
        _badReplies.Add(1, _deviceTag);
    }

    internal void SlowReply()
    {
        Interlocked.Increment(ref _slowRepliesTotal);
        _slowReplies.Add(1, _deviceTag);
    }

    internal void Timeout()
    {
        Interlocked.Increment(ref _timeoutsTotal);
        _timeouts.Add(1, _deviceTag);
    }

    internal void Failure()
    {
        Interlocked.Increment(ref _failuresTotal);
        _failures.Add(1, _deviceTag);
    }

    internal void Connected()
    {
        Interlocked.Increment(ref _connectsTotal);
        _connects.Add(1, _deviceTag);
    }

    public void Dispose() => _ownedMeter?.Dispose();
}
