namespace SmartCustoms.Edge.Ui.Instruments;

/// <summary>
/// What the panel shows of the instruments that live in the gateway host rather than in the lane core: the
/// latest spectrum with the model's reading, and the calibrations in use. The host implements it (the UI
/// cannot reference the host); without an implementation the panel shows "not available".
/// Implementations must be thread-safe and cheap (read on every stream tick, 2 Hz per open page).
/// </summary>
public interface ILaneInstruments
{
    /// <summary>The latest spectrum and the model's reading of it, or null before the first one.</summary>
    SpectrumReading? LatestSpectrum { get; }

    /// <summary>Calibrations in use, one per calibrated device (empty before the first calibration).</summary>
    IReadOnlyList<CalibrationReading> Calibrations { get; }
}
