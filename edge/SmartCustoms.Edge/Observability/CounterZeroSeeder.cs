using System.Diagnostics.Metrics;

namespace SmartCustoms.Edge.Observability;

/// <summary>
/// Makes every counter of the exported meters appear in <c>/metrics</c> at 0 from the start: OpenTelemetry
/// exports a series only once it has a measurement, so a dashboard (or the benchmark) could not tell "none yet"
/// from "not measured" for fault counters that stay at zero on a healthy lane. It listens for the counters
/// being created (also those created later, e.g. a driver built after start) and adds 0 to each series named
/// by <see cref="CounterSeeds"/>. Adding 0 changes no total. Start it after the OpenTelemetry meter provider
/// exists, or the zeros reach no exporter. Thread-safe (the listener's callbacks may run on any thread).
/// </summary>
internal sealed class CounterZeroSeeder : IDisposable
{
    private readonly HashSet<string> _meters;
    private readonly IReadOnlyDictionary<string, string[]> _devicesByMeter;
    private MeterListener? _listener;

    /// <param name="meters">Meter names whose counters are seeded (those /metrics exports).</param>
    /// <param name="devicesByMeter">For the drivers' meters, whose counters carry a <c>device</c> tag: the device names.</param>
    public CounterZeroSeeder(IEnumerable<string> meters, IReadOnlyDictionary<string, string[]> devicesByMeter)
    {
        _meters = new HashSet<string>(meters, StringComparer.Ordinal);
        _devicesByMeter = devicesByMeter;
    }

    /// <summary>Seeds the counters that exist now and, until disposed, each one created later.</summary>
    public void Start()
    {
        var listener = new MeterListener { InstrumentPublished = (instrument, _) => Seed(instrument) };
        _listener = listener;
        listener.Start();
    }

    public void Dispose() => _listener?.Dispose();

    private void Seed(Instrument instrument)
    {
        if (!_meters.Contains(instrument.Meter.Name))
        {
            return;
        }

        foreach (var tags in CounterSeeds.For(instrument.Meter.Name, instrument.Name, _devicesByMeter))
        {
            switch (instrument)
            {
                case Counter<long> counter:
                    counter.Add(0, tags);
                    break;
                case Counter<int> counter:
                    counter.Add(0, tags);
                    break;
                case Counter<double> counter:
                    counter.Add(0, tags);
                    break;
                default:
                    // Histograms, gauges and observable instruments: exported from the first collection anyway.
                    return;
            }
        }
    }
}
