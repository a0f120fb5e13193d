using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using SmartCustoms.Edge.Core;
using SmartCustoms.Edge.Core.Belt;
using SmartCustoms.Edge.Core.Observations;
using SmartCustoms.Edge.Storage;
using SmartCustoms.Models.Classification;
using DriverSpectrum = SmartCustoms.Drivers.Abstractions.Spectrometer.ReflectanceSpectrum;
using ModelSpectrum = SmartCustoms.Models.Spectra.ReflectanceSpectrum;

namespace SmartCustoms.Edge.Acquisition;

/// <summary>
/// Classifies each burst of reflectance spectra with the spectral model (one batch per burst), groups
/// contaminated spectra into detections and stores them as <c>detection</c> events, and stores a
/// <c>spectra</c> summary event per reporting window. Single reader of the pipeline channel; up to
/// <c>Acquisition:Nir:InferenceParallelism</c> model calls run at once (one core each), their results applied in order.
/// </summary>
internal sealed partial class SpectralInferenceWorker(
    SpectralPipelineChannel pipeline,
    SpectralClassifier classifier,
    SpectralBatchMerger merger,
    IOptions<Drivers.Spectrometer.SpectrometerOptions> spectrometerOptions,
    IEventStore store,
    IOptions<NirAcquisitionOptions> options,
    LatestSpectrumView latest,
    Evidence.LaneEvidenceRecorder evidence,
    LaneCore core,
    TimeProvider time,
    Observability.GatewayMetrics metrics,
    ILogger<SpectralInferenceWorker> logger) : BackgroundService
{
    private readonly NirAcquisitionOptions _options = options.Value;
    private float[]? _wavelengthsSource;
    private double[] _wavelengths = [];
    // Places spectra by when the instrument took them even while the gateway reads its buffer late (under load).
    private readonly DeviceClockMapping _deviceClock = new(time.TimestampFrequency);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var grouper = new SpectralDetectionGrouper(_options.MaxDetectionSpectra, _options.MinDetectionSpectra);
        var window = new SpectralSummaryWindow();
        var windowStarted = time.GetTimestamp();
        var reader = pipeline.Channel.Reader;
        LogJoining(logger, merger.MaxBursts, spectrometerOptions.Value.BurstSize);
        LogParallelism(logger, _options.InferenceParallelism);

        // Model calls run on the thread pool, up to InferenceParallelism at once; their results are applied here, one
        // batch at a time and in the order the bursts arrived, so everything after the model sees the same sequence as
        // with one call at a time.
        var calls = new OrderedModelCalls<ReflectanceBatch, SpectralClassification[]>(_options.InferenceParallelism);
        Task<bool>? burstWaiting = null;
        try
        {
            while (true)
            {
                while (calls.HasRoom && reader.TryRead(out var first))
                {
                    var batch = JoinWaiting(first, reader, merger);
                    calls.Start(batch, ClassifyCall(batch));
                }

                if (calls.Count == 0)
                {
                    if (!await WaitForBatchAsync(reader, windowStarted, stoppingToken))
                    {
                        break;
                    }
                }
                else if (calls.HasRoom && !calls.OldestIsDone)
                {
                    // Room for another call: start the next burst as soon as it arrives rather than after this one.
                    // One wait on the channel at a time: it is kept until a burst comes, not made anew each turn.
                    if (burstWaiting is null || burstWaiting.IsCompleted)
                    {
                        burstWaiting = reader.WaitToReadAsync(stoppingToken).AsTask();
                    }

                    // A closed channel answers at once: then only the call is worth waiting for (no busy loop).
                    await (burstWaiting.IsCompletedSuccessfully && !burstWaiting.Result ? calls.Oldest : Task.WhenAny(calls.Oldest, burstWaiting));
                    stoppingToken.ThrowIfCancellationRequested();
                }
                else
                {
                    await ApplyAsync(await calls.TakeOldestAsync(), grouper, window, stoppingToken);
                }

                if (time.GetElapsedTime(windowStarted) >= _options.SummaryInterval)
                {
                    windowStarted = time.GetTimestamp();
                    if (!window.IsEmpty)
                    {
                        var summary = window.Close(time.GetUtcNow());
                        await store.AppendAsync(EventDraft.ForEvent("spectra", SummaryEvent(summary)), stoppingToken);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        // Calls already made are applied and stored, not dropped on the way out.
        while (calls.Count > 0)
        {
            await ApplyAsync(await calls.TakeOldestAsync(), grouper, window, CancellationToken.None);
        }

        // Acquisition stopped: whatever is still open is reported rather than lost.
        if (grouper.Flush() is { } last)
        {
            await store.AppendAsync(EventDraft.ForEvent("detection", await evidence.AttachToDetectionAsync(last, DetectionEvent(last, latest.CalibrationId ?? string.Empty), CancellationToken.None)), CancellationToken.None);
        }

        if (!window.IsEmpty)
        {
            await store.AppendAsync(EventDraft.ForEvent("spectra", SummaryEvent(window.Close(time.GetUtcNow()))), CancellationToken.None);
        }
    }

    private async Task ApplyAsync((ReflectanceBatch Batch, SpectralClassification[] Results) classified, SpectralDetectionGrouper grouper, SpectralSummaryWindow window, CancellationToken cancellationToken)
    {
        foreach (var detection in ApplyResults(classified.Batch, classified.Results, grouper, window))
        {
            await store.AppendAsync(EventDraft.ForEvent("detection", await evidence.AttachToDetectionAsync(detection, DetectionEvent(detection, classified.Batch.CalibrationId), cancellationToken)), cancellationToken);
            LogDetection(logger, detection.Material, detection.PeakProbability, detection.SpectraCount, detection.FirstSequence);
        }
    }

    private async Task<bool> WaitForBatchAsync(System.Threading.Channels.ChannelReader<ReflectanceBatch> reader, long windowStarted, CancellationToken stoppingToken)
    {
        // Wake up at the end of the summary window even when no spectra arrive (device down), so the
        // summary of what did arrive is not held back.
        var remaining = _options.SummaryInterval - time.GetElapsedTime(windowStarted);
        if (remaining <= TimeSpan.Zero)
        {
            return true;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        timeout.CancelAfter(remaining);
        try
        {
            return await reader.WaitToReadAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            return true;
        }
    }

    // Bursts already waiting (inference is behind) go into the same model call, up to the merger's limit; each is
    // remembered for evidence in arrival order as before. At the contract's load nothing waits: the burst goes alone.
    private ReflectanceBatch JoinWaiting(ReflectanceBatch first, System.Threading.Channels.ChannelReader<ReflectanceBatch> reader, SpectralBatchMerger merger)
    {
        evidence.Remember(first);
        List<DriverSpectrum>? joined = null;
        var bursts = 1;
        while (bursts < merger.MaxBursts && reader.TryPeek(out var next) && merger.CanJoin(first, next) && reader.TryRead(out next))
        {
            evidence.Remember(next);
            joined ??= [.. first.Spectra];
            joined.AddRange(next.Spectra);
            bursts++;
        }

        return joined is null ? first : new ReflectanceBatch(joined, first.CalibrationId);
    }

    // The model call for a batch, to run on the thread pool; its inputs are made here, on the loop.
    private Func<SpectralClassification[]> ClassifyCall(ReflectanceBatch batch)
    {
        var inputs = new ModelSpectrum[batch.Spectra.Count];
        for (var i = 0; i < inputs.Length; i++)
        {
            var spectrum = batch.Spectra[i];
            inputs[i] = new ModelSpectrum(spectrum.Sequence.ToString(CultureInfo.InvariantCulture), WavelengthsOf(spectrum), spectrum.Reflectance);
        }

        return () =>
        {
            var started = time.GetTimestamp();
            var results = classifier.Classify(inputs);
            metrics.InferenceCompleted(time.GetElapsedTime(started), inputs.Length);
            return results;
        };
    }

    private List<SpectralDetection> ApplyResults(ReflectanceBatch batch, SpectralClassification[] results, SpectralDetectionGrouper grouper, SpectralSummaryWindow window)
    {
        var detections = new List<SpectralDetection>();
        var last = batch.Spectra[^1];
        _deviceClock.Observe(last.DeviceTimeMicroseconds, last.HostTimestamp);
        var modelId = classifier.Model.Id + "@" + classifier.Model.Version;
        for (var i = 0; i < results.Length; i++)
        {
            var spectrum = batch.Spectra[i];
            var result = results[i];
            if (!result.IsValid)
            {
                window.AddRejected(spectrum.Sequence, spectrum.HostTime, "refused", result.Problem ?? "refused by the model");
                detections.AddRange(grouper.Add(new SpectrumVerdict(spectrum.Sequence, spectrum.DeviceTimeMicroseconds, spectrum.HostTime,
                    SpectralClassification.InvalidClass, SpectralClassification.InvalidClass, 0f, IsContaminant: false, IsUnknown: false)));
                continue;
            }

            var verdict = ToVerdict(spectrum, result);
            window.Add(verdict);
            core.Observe(ToObservation(spectrum, result, modelId));
            detections.AddRange(grouper.Add(verdict));
        }

        if (results.Length > 0)
        {
            latest.Update(batch.Spectra[^1], results[^1], batch.CalibrationId);
        }

        return detections;
    }

    private SpectrumVerdict ToVerdict(DriverSpectrum spectrum, SpectralClassification result)
    {
        var names = classifier.ClassNames;
        var contaminant = classifier.IsContaminantClass;
        var best = -1;
        for (var c = 0; c < names.Count; c++)
        {
            if (contaminant[c] && (best < 0 || result.Probabilities[c] > result.Probabilities[best]))
            {
                best = c;
            }
        }

        return new SpectrumVerdict(
            spectrum.Sequence,
            spectrum.DeviceTimeMicroseconds,
            spectrum.HostTime,
            result.ClassName,
            best >= 0 ? names[best] : "contaminant",
            result.ContaminantScore,
            result.IsContaminant,
            result.IsOutOfDistribution);
    }

    private SpectralObservation ToObservation(DriverSpectrum spectrum, SpectralClassification result, string modelId)
    {
        const string OrePrefix = "ore_";
        var isOre = result.ClassName.StartsWith(OrePrefix, StringComparison.Ordinal);
        return new SpectralObservation(
            "nir-" + spectrum.Sequence.ToString(CultureInfo.InvariantCulture),
            _deviceClock.ToHost(spectrum.DeviceTimeMicroseconds),
            result.ClassName,
            isOre ? "ore" : result.ClassName,
            result.ContaminantScore,
            result.IsOutOfDistribution,
            modelId,
            isOre ? result.ClassName[OrePrefix.Length..] : null);
    }

    private ReadOnlyMemory<double> WavelengthsOf(DriverSpectrum spectrum)
    {
        // Every spectrum of a calibration shares one axis array; convert it once.
        if (!ReferenceEquals(spectrum.WavelengthsNm, _wavelengthsSource))
        {
            _wavelengthsSource = spectrum.WavelengthsNm;
            _wavelengths = Array.ConvertAll(spectrum.WavelengthsNm, w => (double)w);
        }

        return _wavelengths;
    }

    private JsonObject DetectionEvent(SpectralDetection detection, string calibrationId) => new()
    {
        ["device"] = "nir",
        ["kind"] = "spectral",
        ["material"] = detection.Material,
        ["peakProbability"] = Math.Round(detection.PeakProbability, 4),
        ["meanProbability"] = Math.Round(detection.MeanProbability, 4),
        ["spectra"] = detection.SpectraCount,
        ["spectraByClass"] = ToJson(detection.SpectraByClass),
        ["firstSequence"] = detection.FirstSequence,
        ["lastSequence"] = detection.LastSequence,
        ["deviceTimeUs"] = detection.FirstDeviceTimeMicroseconds,
        ["durationMs"] = Math.Round((detection.LastDeviceTimeMicroseconds - detection.FirstDeviceTimeMicroseconds) / 1000.0, 1),
        ["seenAt"] = detection.FirstHostTime.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
        ["threshold"] = Math.Round(classifier.ContaminantThreshold, 4),
        ["calibrationId"] = calibrationId,
        ["model"] = ModelJson(),
    };

    private JsonObject SummaryEvent(SpectralSummary summary) => new()
    {
        ["device"] = "nir",
        ["windowStart"] = summary.WindowStart.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
        ["windowEnd"] = summary.WindowEnd.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
        ["classified"] = summary.SpectraClassified,
        ["rejected"] = summary.SpectraRejected,
        ["contaminated"] = summary.SpectraContaminated,
        ["unknown"] = summary.SpectraUnknown,
        ["firstSequence"] = summary.FirstSequence,
        ["lastSequence"] = summary.LastSequence,
        ["sequenceGaps"] = summary.SequenceGaps,
        ["byClass"] = ToJson(summary.SpectraByTopClass),
        ["rejections"] = new JsonObject(summary.RejectionReasons.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)JsonValue.Create(kv.Value)))),
        ["model"] = ModelJson(),
    };

    private JsonObject ModelJson() => new()
    {
        ["id"] = classifier.Model.Id,
        ["version"] = classifier.Model.Version,
        ["sha256"] = classifier.Model.Sha256,
    };

    private static JsonObject ToJson(IReadOnlyDictionary<string, int> counts) =>
        new(counts.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)JsonValue.Create(kv.Value))));

    [LoggerMessage(EventId = 1201, Level = LogLevel.Information, Message = "NIR inference joins up to {MaxBursts} waiting bursts of {BurstSize} spectra per model call when behind (1 = off: results would not be bit-identical on this CPU, or the burst is already large)")]
    private static partial void LogJoining(ILogger logger, int maxBursts, int burstSize);

    [LoggerMessage(EventId = 1202, Level = LogLevel.Information, Message = "NIR inference runs up to {Parallelism} model calls at once, results applied in burst order (Acquisition:Nir:InferenceParallelism)")]
    private static partial void LogParallelism(ILogger logger, int parallelism);

    [LoggerMessage(EventId = 1200, Level = LogLevel.Information, Message = "NIR detection: {Material} (peak p={Peak:F2}, {Spectra} spectra from #{FirstSequence})")]
    private static partial void LogDetection(ILogger logger, string material, float peak, int spectra, ulong firstSequence);
}
