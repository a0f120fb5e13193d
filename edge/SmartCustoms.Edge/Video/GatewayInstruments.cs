using SmartCustoms.Edge.Acquisition;
using SmartCustoms.Edge.Ui.Instruments;

namespace SmartCustoms.Edge.Video;

/// <summary>
/// The panel's view of the host-side instruments: the latest spectrum with the model's reading
/// (<see cref="LatestSpectrumView"/>) and the NIR calibration in use (<see cref="NirCalibrationState"/>).
/// Thread-safe: both sources are; each read builds a new immutable record.
/// </summary>
internal sealed class GatewayInstruments(LatestSpectrumView spectra, NirCalibrationState calibration) : ILaneInstruments
{
    public SpectrumReading? LatestSpectrum
    {
        get
        {
            if (spectra.Latest is not { } latest)
            {
                return null;
            }

            var s = latest.Spectrum;
            var c = latest.Classification;
            return new SpectrumReading(s.HostTime, s.WavelengthsNm, s.Reflectance, c.ClassName, c.ContaminantScore, c.IsContaminant,
                c.IsOutOfDistribution, c.Problem, $"{c.Model.Id} {c.Model.Version}", latest.CalibrationId);
        }
    }

    public IReadOnlyList<CalibrationReading> Calibrations =>
        calibration.Current is { } current
            ? [new CalibrationReading("nir", current.Id, "dark/white", current.TakenAt, current.ExpiresAt, current.DetectorTemperatureC,
                calibration.LastDetectorTemperatureC, current.UnusablePixels)]
            : [];
}
