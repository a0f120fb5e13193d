using SmartCustoms.Drivers.Abstractions.Spectrometer;
using SmartCustoms.Models.Classification;

namespace SmartCustoms.Edge.Acquisition;

/// <summary>The latest spectrum and the model's reading of it, for the lane view and the API. Thread-safe.</summary>
internal sealed class LatestSpectrumView
{
    private volatile Snapshot? _latest;

    public Snapshot? Latest => _latest;

    public string? CalibrationId => _latest?.CalibrationId;

    public void Update(ReflectanceSpectrum spectrum, SpectralClassification classification, string calibrationId) =>
        _latest = new Snapshot(spectrum, classification, calibrationId);

    internal sealed record Snapshot(ReflectanceSpectrum Spectrum, SpectralClassification Classification, string CalibrationId);
}
