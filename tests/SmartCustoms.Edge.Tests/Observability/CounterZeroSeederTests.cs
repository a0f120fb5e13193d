using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using SmartCustoms.Drivers.Spectrometer.Nir;
using SmartCustoms.Edge.Observability;

namespace SmartCustoms.Edge.Tests.Observability;

/// <summary>
/// Counters of the exported meters get a 0 for each of their series as soon as they exist, so /metrics shows
/// them before their first event. Observed with a MeterListener (no exporter, no I/O).
/// </summary>
public sealed class CounterZeroSeederTests : IDisposable
{
    private readonly ConcurrentBag<(Instrument Instrument, long Value, Dictionary<string, object?> Tags)> _seen = [];
    private readonly MeterListener _listener = new();

    public CounterZeroSeederTests()
    {
        _listener.InstrumentPublished = (instrument, listener) => listener.EnableMeasurementEvents(instrument);
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
            _seen.Add((instrument, value, tags.ToArray().ToDictionary(t => t.Key, t => t.Value))));
        _listener.Start();
    }

    public void Dispose() => _listener.Dispose();

    [Fact]
    public void Driver_counters_get_a_zero_per_device()
    {
        // Tags unique to this test: other tests' instances of the same meter are seeded too, under their own names.
        using var nir = new SpectrometerMetrics("nir-seed-test", meterFactory: null);
        using var seeder = new CounterZeroSeeder([SpectrometerMetrics.MeterName],
            new Dictionary<string, string[]> { [SpectrometerMetrics.MeterName] = ["nir-seed-test"] });

        seeder.Start();

        var seeded = Seeded("device", "nir-seed-test");
        Assert.Contains("sc.nir.spectra", seeded);
        Assert.Contains("sc.nir.bad_replies", seeded);
        Assert.Contains("sc.nir.timeouts", seeded);
        Assert.Contains("sc.nir.missing_spectra", seeded);
        Assert.Equal(0, nir.BadReplies);
    }

    [Fact]
    public void Labelled_counters_get_a_zero_per_known_label_value_and_later_counters_too()
    {
        using var seeder = new CounterZeroSeeder(["SmartCustoms.Edge.Storage"], new Dictionary<string, string[]>());
        seeder.Start();

        // Created after Start, as a driver built late would be.
        using var meter = new Meter("SmartCustoms.Edge.Storage");
        meter.CreateCounter<long>("sc.store.refused");

        Assert.Equal(
            ["Critical", "High", "Normal"],
            _seen.Where(s => ReferenceEquals(s.Instrument.Meter, meter) && s.Instrument.Name == "sc.store.refused" && s.Value == 0)
                .Select(s => (string)s.Tags["priority"]!).Order(StringComparer.Ordinal).ToArray());
    }

    [Fact]
    public void Counters_of_meters_not_exported_are_left_alone()
    {
        using var seeder = new CounterZeroSeeder(["SmartCustoms.Edge.Storage"], new Dictionary<string, string[]>());
        seeder.Start();

        using var meter = new Meter("SmartCustoms.Tests.NotExported");
        meter.CreateCounter<long>("sc.test.not_exported_seed_check");

        Assert.DoesNotContain(_seen, s => ReferenceEquals(s.Instrument.Meter, meter));
    }

    private HashSet<string> Seeded(string tag, string value) =>
        _seen.Where(s => s.Value == 0 && s.Tags.TryGetValue(tag, out var v) && Equals(v, value)).Select(s => s.Instrument.Name).ToHashSet(StringComparer.Ordinal);
}
