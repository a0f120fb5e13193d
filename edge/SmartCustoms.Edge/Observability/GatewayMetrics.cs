using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;
using SmartCustoms.Drivers.Abstractions.Health;
using SmartCustoms.Edge.Storage;

namespace SmartCustoms.Edge.Observability;

/// <summary>
/// The gateway's own instruments on meter <c>SmartCustoms.Edge</c>, for what the drivers, the store and the
/// MQTT client do not measure themselves: device health per device, inference latency, and the store's real
/// disk use. Thread-safe: gauges are read on the scraping thread, the histogram is recorded by the inference
/// worker.
/// </summary>
internal sealed class GatewayMetrics : IHostedService
{
    public const string MeterName = "SmartCustoms.Edge";

    // One burst of 50 spectra takes ~1-5 ms on a lane PC; 1 s means the CPU is starved. The default
    // OpenTelemetry buckets (0, 5, 10, 25 … 10000) are meant for milliseconds and would put everything in one.
    private static readonly double[] InferenceBuckets = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

    private readonly IServiceProvider _services;
    private readonly StoreDiskUsage _disk;
    private readonly Histogram<double> _inferenceDuration;
    private readonly Counter<long> _inferenceSpectra;
    private IDeviceHealthSource[]? _devices;

    public GatewayMetrics(IMeterFactory meterFactory, IServiceProvider services, IOptions<StorageOptions> storage, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        ArgumentNullException.ThrowIfNull(storage);
        _services = services;
        _disk = new StoreDiskUsage(storage.Value.Path, storage.Value.MaxDiskBytes, time);
        var meter = meterFactory.Create(new MeterOptions(MeterName));

        meter.CreateObservableGauge("sc.device.health", ObserveHealth, "{state}",
            "Health of each device: 0 up, 1 degraded, 2 down");
        _inferenceDuration = meter.CreateHistogram("sc.nir.inference.duration", "s",
            "Time the spectral model takes for one burst of spectra", tags: null,
            new InstrumentAdvice<double> { HistogramBucketBoundaries = InferenceBuckets });
        _inferenceSpectra = meter.CreateCounter<long>("sc.nir.classified", "{spectrum}", "Spectra the model has classified");
        meter.CreateObservableGauge("sc.store.disk_usage", () => _disk.Read().UsedBytes, "By",
            "Bytes the store's files take on disk (Storage:Path)");
        meter.CreateObservableGauge("sc.store.disk_budget", () => _disk.BudgetBytes, "By",
            "The store's disk budget (Storage:MaxDiskBytes)");
        meter.CreateObservableGauge("sc.store.disk_free", () => _disk.Read().FreeBytes, "By",
            "Free bytes on the file system that holds the store");
    }

    /// <summary>Records one model call over <paramref name="spectra"/> spectra.</summary>
    public void InferenceCompleted(TimeSpan elapsed, int spectra)
    {
        _inferenceDuration.Record(elapsed.TotalSeconds);
        _inferenceSpectra.Add(spectra);
    }

    // The meter exists from construction; being a hosted service only makes the host create it at start.
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private IEnumerable<Measurement<int>> ObserveHealth()
    {
        // Resolved on the first scrape, not in the constructor: building the drivers early would move their
        // settings errors out of the start-up validation that reports them as one line.
        _devices ??= _services.GetServices<IDeviceHealthSource>().ToArray();
        foreach (var device in _devices)
        {
            yield return new Measurement<int>((int)device.Health.State, new KeyValuePair<string, object?>("device", device.DeviceName));
        }
    }
}
