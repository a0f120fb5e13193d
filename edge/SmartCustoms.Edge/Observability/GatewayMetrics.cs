using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using SmartCustoms.Drivers.Abstractions.Camera;
using SmartCustoms.Drivers.Abstractions.Health;
using SmartCustoms.Drivers.Abstractions.Spectrometer;
using SmartCustoms.Drivers.Camera.Frames;
using SmartCustoms.Drivers.Spectrometer.Nir;
using SmartCustoms.Edge.Camera;
using SmartCustoms.Edge.Storage;

namespace SmartCustoms.Edge.Observability;

/// <summary>
/// The gateway's own instruments on meter <c>SmartCustoms.Edge</c>, for what the drivers, the store and the
/// MQTT client do not measure themselves: device health per device, inference latency, the visual detector's
/// frame counters, and the store's real disk use. At start it also shows every counter of the exported meters
/// at 0 (<see cref="CounterZeroSeeder"/>). Thread-safe: gauges and observable counters are read on the
/// scraping thread, the histogram is recorded by the inference worker.
/// </summary>
internal sealed class GatewayMetrics : IHostedService, IDisposable
{
    public const string MeterName = "SmartCustoms.Edge";

    // One burst of 50 spectra takes ~1-5 ms on a lane PC; 1 s means the CPU is starved. The default
    // OpenTelemetry buckets (0, 5, 10, 25 … 10000) are meant for milliseconds and would put everything in one.
    private static readonly double[] InferenceBuckets = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

    private readonly IServiceProvider _services;
    private readonly StoreDiskUsage _disk;
    private readonly Histogram<double> _inferenceDuration;
    private readonly Counter<long> _inferenceSpectra;
    private readonly LatestDetectionsView _visual;
    private IDeviceHealthSource[]? _devices;
    private CounterZeroSeeder? _seeder;

    public GatewayMetrics(IMeterFactory meterFactory, IServiceProvider services, IOptions<StorageOptions> storage, TimeProvider time, LatestDetectionsView visual)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        ArgumentNullException.ThrowIfNull(storage);
        _services = services;
        _visual = visual;
        _disk = new StoreDiskUsage(storage.Value.Path, storage.Value.MaxDiskBytes, time);
        var meter = meterFactory.Create(new MeterOptions(MeterName));

        meter.CreateObservableGauge("sc.device.health", ObserveHealth, "{state}",
            "Health of each device: 0 up, 1 degraded, 2 down");
        _inferenceDuration = meter.CreateHistogram("sc.nir.inference.duration", "s",
            "Time the spectral model takes for one call (one burst, or waiting bursts joined when behind)", tags: null,
            new InstrumentAdvice<double> { HistogramBucketBoundaries = InferenceBuckets });
        _inferenceSpectra = meter.CreateCounter<long>("sc.nir.classified", "{spectrum}", "Spectra the model has classified");

        // The visual detector runs on at most Models:VisualMaxFramesPerSecond of the camera's frames; these say how
        // many it did run, skipped (busy or rate limit) and refused, next to sc.camera.frames (frames received).
        meter.CreateObservableCounter("sc.visual.frames", () => ObserveVisual(_visual.FramesDetected), "{frame}",
            "Camera frames run through the visual detector");
        meter.CreateObservableCounter("sc.visual.frames_skipped", () => ObserveVisual(_visual.FramesSkipped), "{frame}",
            "Camera frames not run through the visual detector (busy or Models:VisualMaxFramesPerSecond)");
        meter.CreateObservableCounter("sc.visual.frames_refused", () => ObserveVisual(_visual.FramesRefused), "{frame}",
            "Camera frames the visual detector refused (undecodable JPEG)");
        meter.CreateObservableCounter("sc.visual.items", () => ObserveVisual(_visual.ItemsReported), "{item}",
            "Items the visual detector reported to the lane (each once, however many frames show it)");
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

    // The meter exists from construction; being a hosted service makes the host create it at start, and start
    // is when the other counters get their zeros (the start-up validation has run by then).
    public Task StartAsync(CancellationToken cancellationToken)
    {
        // The exporter must listen before the zeros are added: resolving the provider builds it (OpenTelemetry's
        // own hosted service resolves the same singleton; it may start after this one).
        _ = _services.GetService<MeterProvider>();
        var devices = Devices();
        _seeder = new CounterZeroSeeder(GatewayMetricsExtensions.MeterNames, new Dictionary<string, string[]>(StringComparer.Ordinal)
        {
            [SpectrometerMetrics.MeterName] = [.. devices.OfType<ISpectrometer>().Select(d => d.DeviceName)],
            [CameraMetrics.MeterName] = [.. devices.OfType<IFrameSource>().Select(d => d.DeviceName)],
        });
        _seeder.Start();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _seeder?.Dispose();
        return Task.CompletedTask;
    }

    public void Dispose() => _seeder?.Dispose();

    private IDeviceHealthSource[] Devices() =>
        // Resolved at start or on the first scrape, not in the constructor: building the drivers early would
        // move their settings errors out of the start-up validation that reports them as one line.
        _devices ??= _services.GetServices<IDeviceHealthSource>().ToArray();

    private IEnumerable<Measurement<long>> ObserveVisual(long value)
    {
        // One series per camera the lane has (one today), tagged like the driver's sc.camera.* counters.
        foreach (var camera in Devices().OfType<IFrameSource>())
        {
            yield return new Measurement<long>(value, new KeyValuePair<string, object?>("device", camera.DeviceName));
        }
    }

    private IEnumerable<Measurement<int>> ObserveHealth()
    {
        foreach (var device in Devices())
        {
            yield return new Measurement<int>((int)device.Health.State, new KeyValuePair<string, object?>("device", device.DeviceName));
        }
    }
}
