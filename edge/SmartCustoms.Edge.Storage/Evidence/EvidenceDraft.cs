using System.Text.Json.Nodes;

namespace SmartCustoms.Edge.Storage.Evidence;

/// <summary>
/// What is kept as evidence of one detection, alarm or segment verdict, before the store gives it its id.
/// Only <see cref="Kind"/> is required; every other part is optional and left out of the record when null.
/// Immutable once built; the store copies nothing, so callers must not change the arrays afterwards.
/// </summary>
/// <param name="Kind">What the evidence is for: <c>detection</c>, <c>alarm</c>, <c>segment</c>, ….</param>
public sealed record EvidenceDraft(string Kind)
{
    /// <summary>The lot the evidence belongs to: evidence of an open lot is never pruned.</summary>
    public string? Lot { get; init; }

    /// <summary>The alarm it supports: kept until <see cref="IEvidenceStore.MarkAlarmAcknowledgedAsync"/>.</summary>
    public string? AlarmId { get; init; }

    /// <summary>Device that produced it (<c>nir</c>, <c>camera</c>, …).</summary>
    public string? Device { get; init; }

    /// <summary>A frame or frame crop as JPEG bytes; stored as <see cref="FrameFileName"/>.</summary>
    public ReadOnlyMemory<byte>? Jpeg { get; init; }

    /// <summary>File name of the JPEG (default <c>frame.jpg</c>; use <c>crop.jpg</c> for a crop).</summary>
    public string FrameFileName { get; init; } = "frame.jpg";

    /// <summary>Spectra as values; stored as <c>spectra.csv</c> in the contract's spectrum file format.</summary>
    public EvidenceSpectra? Spectra { get; init; }

    /// <summary>The model whose result the evidence supports.</summary>
    public EvidenceModel? Model { get; init; }

    /// <summary>Thresholds in force (name → value), e.g. <c>contaminantProbability</c> → 0.5.</summary>
    public IReadOnlyDictionary<string, double>? Thresholds { get; init; }

    /// <summary>Calibration state of the device at the time (id, age, temperatures, …).</summary>
    public JsonObject? Calibration { get; init; }

    /// <summary>Anything else worth keeping (the event's own payload, frame sequence, bounding box, …).</summary>
    public JsonObject? Details { get; init; }
}
