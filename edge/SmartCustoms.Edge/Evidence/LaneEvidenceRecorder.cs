using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text.Json.Nodes;
using SmartCustoms.Drivers.Abstractions.Spectrometer;
using SmartCustoms.Edge.Acquisition;
using SmartCustoms.Edge.Camera;
using SmartCustoms.Edge.Core.Alarms;
using SmartCustoms.Edge.Core.Events;
using SmartCustoms.Edge.Core.Fusion;
using SmartCustoms.Edge.Core.Segments;
using SmartCustoms.Edge.Storage.Evidence;
using SmartCustoms.Models.Classification;

namespace SmartCustoms.Edge.Evidence;

/// <summary>
/// Stores the evidence of spectral detections, raised alarms and segment verdicts (<see cref="IEvidenceStore"/>)
/// and returns the id the event payload carries as <c>evidenceId</c>. Evidence that cannot be stored is logged
/// and counted (<c>sc.evidence.failures</c>), and the event is still stored with <c>evidenceId: null</c>: losing
/// a verdict because its evidence failed would be worse. Thread-safe.
/// </summary>
internal sealed partial class LaneEvidenceRecorder(
    IEvidenceStore store,
    RecentSpectra spectra,
    LatestFrameView frames,
    SpectralClassifier classifier,
    NirCalibrationState calibration,
    TimeProvider time,
    ILogger<LaneEvidenceRecorder> logger)
{
    /// <summary>Most spectra kept per record (a long detection keeps its first ones).</summary>
    public const int MaxSpectra = 64;

    /// <summary>A frame older than this is not "the frame of the moment" and is left out.</summary>
    public static readonly TimeSpan MaxFrameAge = TimeSpan.FromSeconds(5);

    private static readonly Meter Meter = new("SmartCustoms.Edge.Evidence");
    private static readonly Counter<long> Saved = Meter.CreateCounter<long>("sc.evidence.saved", "{record}", "Evidence records stored");
    private static readonly Counter<long> Failures = Meter.CreateCounter<long>("sc.evidence.failures", "{record}", "Evidence that could not be stored");

    /// <summary>Keeps a burst's spectra for the evidence of what they are found to be.</summary>
    public void Remember(ReflectanceBatch batch) => spectra.Add(batch.Spectra);

    /// <summary>Stores the detection's evidence and puts its id into <paramref name="eventData"/> as <c>evidenceId</c>.</summary>
    public async Task<JsonObject> AttachToDetectionAsync(SpectralDetection detection, JsonObject eventData, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        eventData["evidenceId"] = await SaveDetectionAsync(detection, eventData, cancellationToken);
        return eventData;
    }

    /// <summary>Evidence of one spectral detection: its spectra, model, thresholds and calibration.</summary>
    public Task<string?> SaveDetectionAsync(SpectralDetection detection, JsonObject eventData, CancellationToken cancellationToken)
    {
        var kept = spectra.Between(detection.FirstSequence, detection.LastSequence, MaxSpectra);
        var draft = new EvidenceDraft("detection")
        {
            Device = "nir",
            Spectra = ToEvidence(kept),
            Model = Model(),
            Thresholds = Thresholds(),
            Calibration = Calibration(),
            Details = Details(eventData, kept.Count, (long)(detection.LastSequence - detection.FirstSequence + 1)),
        };
        return SaveAsync(draft, "detection", cancellationToken);
    }

    /// <summary>Evidence of a raised alarm or a judged/revised segment; null (nothing stored) for other events.</summary>
    public Task<string?> SaveLaneEventAsync(LaneEvent laneEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(laneEvent);
        if (laneEvent.Data is not (AlarmChange or SegmentReport))
        {
            return Task.FromResult<string?>(null);
        }

        var eventData = JsonNode.Parse(LaneEventJson.SerializeData(laneEvent)) as JsonObject ?? [];
        eventData["event"] = laneEvent.Name;
        EvidenceDraft? draft = laneEvent.Data switch
        {
            AlarmChange change when laneEvent.Name == "raised" => AlarmDraft(change, eventData),
            SegmentReport segment => SegmentDraft(segment, eventData),
            _ => null,
        };
        return draft is null ? Task.FromResult<string?>(null) : SaveAsync(draft, laneEvent.Type, cancellationToken);
    }

    private EvidenceDraft AlarmDraft(AlarmChange change, JsonObject eventData)
    {
        // An alarm is about now: the newest spectra and frame are what the lane saw when it was raised.
        var kept = spectra.Latest(16);
        return new EvidenceDraft("alarm")
        {
            Lot = change.Alarm.LotId,
            AlarmId = change.Alarm.Id,
            Jpeg = RecentFrame(out var frameDetails),
            Spectra = ToEvidence(kept),
            Model = Model(),
            Thresholds = Thresholds(),
            Calibration = Calibration(),
            Details = WithFrame(Details(eventData, kept.Count, kept.Count), frameDetails),
        };
    }

    private EvidenceDraft SegmentDraft(SegmentReport segment, JsonObject eventData)
    {
        // The spectra that drove the verdict, when still kept; a clear segment keeps its counts, model and
        // calibration only, so the evidence of a long clean lot stays small.
        var ids = segment.EvidenceIds.ContaminantSpectra
            .Concat(segment.EvidenceIds.SuspectSpectra)
            .Concat(segment.EvidenceIds.OutOfDistributionSpectra);
        var sequences = new HashSet<ulong>();
        foreach (var id in ids)
        {
            if (id.StartsWith("nir-", StringComparison.Ordinal) &&
                ulong.TryParse(id.AsSpan(4), NumberStyles.None, CultureInfo.InvariantCulture, out var sequence))
            {
                sequences.Add(sequence);
            }
        }

        var kept = spectra.Matching(sequences, MaxSpectra);
        var clear = segment.Verdict == SegmentVerdict.Clear;
        JsonObject? frameDetails = null;
        return new EvidenceDraft("segment")
        {
            Lot = segment.LotId,
            Jpeg = clear ? null : RecentFrame(out frameDetails),
            Spectra = ToEvidence(kept),
            Model = Model(),
            Thresholds = Thresholds(),
            Calibration = Calibration(),
            Details = WithFrame(Details(eventData, kept.Count, sequences.Count), frameDetails),
        };
    }

    private async Task<string?> SaveAsync(EvidenceDraft draft, string kind, CancellationToken cancellationToken)
    {
        try
        {
            var id = await store.SaveAsync(draft, cancellationToken);
            Saved.Add(1, new KeyValuePair<string, object?>("kind", kind));
            return id;
        }
        catch (Exception ex) when (ex is IOException or ArgumentException or ObjectDisposedException)
        {
            Failures.Add(1, new KeyValuePair<string, object?>("kind", kind));
            LogSaveFailed(logger, kind, ex.Message);
            return null;
        }
    }

    private static EvidenceSpectra? ToEvidence(List<ReflectanceSpectrum> kept)
    {
        if (kept.Count == 0)
        {
            return null;
        }

        // One axis per record: spectra of another calibration's axis (rare, at a recalibration) are left out.
        var axis = kept[^1].WavelengthsNm;
        var same = kept.Where(s => s.WavelengthsNm.Length == axis.Length && s.Reflectance.Length == axis.Length).ToList();
        return new EvidenceSpectra(
            Array.ConvertAll(axis, w => (double)w),
            [.. same.Select(s => new EvidenceSpectrum("nir-" + s.Sequence.ToString(CultureInfo.InvariantCulture), s.Reflectance))]);
    }

    private EvidenceModel Model() => new(classifier.Model.Id, classifier.Model.Version, classifier.Model.Sha256);

    private Dictionary<string, double> Thresholds() => new()
    {
        ["contaminantProbability"] = Math.Round(classifier.ContaminantThreshold, 6),
        ["outOfDistribution"] = Math.Round(classifier.OodThreshold, 6),
    };

    private JsonObject Calibration()
    {
        var current = calibration.Current;
        var state = new JsonObject
        {
            ["id"] = current?.Id,
            ["lastDetectorTemperatureC"] = calibration.LastDetectorTemperatureC is { } t && float.IsFinite(t) ? Math.Round(t, 2) : null,
        };
        if (current is not null)
        {
            var now = time.GetUtcNow();
            state["instrumentSerial"] = current.InstrumentSerial;
            state["takenAt"] = current.TakenAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);
            state["expiresAt"] = current.ExpiresAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);
            state["expired"] = now > current.ExpiresAt;
            state["detectorTemperatureC"] = float.IsFinite(current.DetectorTemperatureC) ? Math.Round(current.DetectorTemperatureC, 2) : null;
            state["unusablePixels"] = current.UnusablePixels;
        }

        return state;
    }

    private static JsonObject Details(JsonObject eventData, int spectraKept, long spectraWanted) => new()
    {
        ["event"] = eventData.DeepClone(),
        ["spectraKept"] = spectraKept,
        ["spectraReferenced"] = spectraWanted,
    };

    private static JsonObject WithFrame(JsonObject details, JsonObject? frame)
    {
        if (frame is not null)
        {
            details["frame"] = frame;
        }

        return details;
    }

    // ReadOnlyMemory<byte>? rather than byte[]?: a null array converts to an empty (not null) memory, which the
    // store rightly refuses as "empty JPEG".
    private ReadOnlyMemory<byte>? RecentFrame(out JsonObject? details)
    {
        details = null;
        var frame = frames.Latest;
        if (frame is null || frame.Jpeg.Length == 0 || time.GetUtcNow() - frame.HostTime > MaxFrameAge)
        {
            return null;
        }

        details = new JsonObject
        {
            ["camera"] = frame.Camera,
            ["sequence"] = frame.Sequence,
            ["receivedAt"] = frame.HostTime.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
            ["width"] = frame.Width,
            ["height"] = frame.Height,
            ["note"] = "latest camera frame when the event was stored, not a crop of the item",
        };
        return frame.Jpeg;
    }

    [LoggerMessage(EventId = 1700, Level = LogLevel.Error, Message = "Evidence of a {Kind} event could not be stored ({Reason}); the event is stored without evidenceId")]
    private static partial void LogSaveFailed(ILogger logger, string kind, string reason);
}
