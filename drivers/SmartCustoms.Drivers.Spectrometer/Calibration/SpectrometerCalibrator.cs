using System.Globalization;
using Microsoft.Extensions.Logging;
using SmartCustoms.Drivers.Abstractions;
using SmartCustoms.Drivers.Abstractions.Spectrometer;

namespace SmartCustoms.Drivers.Spectrometer.Calibration;

/// <summary>
/// Takes dark and white references from the instrument and makes a <see cref="SpectrometerCalibration"/>.
/// It only measures: the caller keeps the result, stores it and publishes the calibration event.
/// Uses the spectrometer's own serialization, so it may run beside the acquisition loop (bursts pause meanwhile).
/// </summary>
public sealed partial class SpectrometerCalibrator
{
    /// <summary>More unusable pixels than this fraction rejects the calibration (tile missing, lamp off, detector saturated).</summary>
    public const double MaxUnusableFraction = 0.2;

    private readonly ISpectrometer _spectrometer;
    private readonly ReflectanceConverter _converter;
    private readonly TimeSpan _validity;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly int _referenceScans;

    /// <param name="referenceScans">
    /// Dark and white references read and averaged: their noise stays in every spectrum until the next calibration
    /// (a fixed pattern the model reads as a faint absorption band), so it must be far below one spectrum's noise.
    /// </param>
    public SpectrometerCalibrator(
        ISpectrometer spectrometer, ReflectanceConverter converter, TimeSpan validity, TimeProvider time, ILogger<SpectrometerCalibrator> logger,
        int referenceScans = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(referenceScans, 1);
        ArgumentNullException.ThrowIfNull(spectrometer);
        ArgumentNullException.ThrowIfNull(converter);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(validity, TimeSpan.Zero);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        _spectrometer = spectrometer;
        _converter = converter;
        _validity = validity;
        _time = time;
        _logger = logger;
        _referenceScans = referenceScans;
    }

    /// <exception cref="DeviceException">The instrument failed, or the references are unusable (the message says why).</exception>
    public async Task<SpectrometerCalibration> CalibrateAsync(CancellationToken cancellationToken)
    {
        var identity = await _spectrometer.IdentifyAsync(cancellationToken).ConfigureAwait(false);
        var wavelengths = await _spectrometer.ReadWavelengthsAsync(cancellationToken).ConfigureAwait(false);
        var before = await _spectrometer.ReadDetectorTemperatureAsync(cancellationToken).ConfigureAwait(false);
        var dark = await AverageAsync(_spectrometer.ReadDarkReferenceAsync, cancellationToken).ConfigureAwait(false);
        var white = await AverageAsync(_spectrometer.ReadWhiteReferenceAsync, cancellationToken).ConfigureAwait(false);
        var after = await _spectrometer.ReadDetectorTemperatureAsync(cancellationToken).ConfigureAwait(false);

        if (dark.Length != wavelengths.Length || white.Length != wavelengths.Length)
        {
            throw new DeviceException(string.Create(CultureInfo.InvariantCulture,
                $"{_spectrometer.DeviceName}: calibration references have {dark.Length} dark and {white.Length} white pixels for {wavelengths.Length} wavelengths"));
        }

        var unusable = _converter.CountUnusable(dark, white);
        if (unusable > MaxUnusableFraction * wavelengths.Length)
        {
            throw new DeviceException(string.Create(CultureInfo.InvariantCulture,
                $"{_spectrometer.DeviceName}: calibration rejected: {unusable} of {wavelengths.Length} pixels have no usable white-dark span (saturated, or white not above dark); check the reference tile, lamp and integration time"));
        }

        var takenAt = _time.GetUtcNow();
        var id = string.Create(CultureInfo.InvariantCulture, $"{identity.Serial}-{takenAt.UtcDateTime:yyyyMMdd'T'HHmmss.fff'Z'}");
        var calibration = new SpectrometerCalibration(id, identity.Serial, wavelengths, dark, white, takenAt,
            (before + after) / 2, _validity, unusable);
        LogCalibrated(_logger, _spectrometer.DeviceName, id, calibration.DetectorTemperatureC, unusable, wavelengths.Length);
        return calibration;
    }

    private async Task<float[]> AverageAsync(Func<CancellationToken, Task<float[]>> read, CancellationToken cancellationToken)
    {
        var first = await read(cancellationToken).ConfigureAwait(false);
        if (_referenceScans == 1)
        {
            return first;
        }

        var sum = Array.ConvertAll(first, v => (double)v);
        var clipped = Array.ConvertAll(first, v => v >= ReflectanceConverter.SaturationCounts);
        for (var scan = 1; scan < _referenceScans; scan++)
        {
            var next = await read(cancellationToken).ConfigureAwait(false);
            if (next.Length != sum.Length)
            {
                throw new DeviceException(string.Create(CultureInfo.InvariantCulture,
                    $"{_spectrometer.DeviceName}: calibration reference {scan + 1} of {_referenceScans} has {next.Length} pixels, the first {sum.Length}"));
            }

            for (var i = 0; i < sum.Length; i++)
            {
                sum[i] += next[i];
                clipped[i] |= next[i] >= ReflectanceConverter.SaturationCounts;
            }
        }

        // A pixel saturated in any scan stays saturated (the average would hide it from the unusable-pixel check);
        // NaN propagates through the sum by itself.
        var average = new float[sum.Length];
        for (var i = 0; i < average.Length; i++)
        {
            average[i] = clipped[i] ? ReflectanceConverter.SaturationCounts : (float)(sum[i] / _referenceScans);
        }

        return average;
    }

    [LoggerMessage(EventId = 1150, Level = LogLevel.Information,
        Message = "{Device}: calibration {CalibrationId} taken at detector {TemperatureC:0.0} °C, {Unusable} of {Pixels} pixels unusable")]
    private static partial void LogCalibrated(ILogger logger, string device, string calibrationId, float temperatureC, int unusable, int pixels);
}
