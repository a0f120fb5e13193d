using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using SmartCustoms.Drivers.Abstractions;
using SmartCustoms.Drivers.Abstractions.Spectrometer;
using SmartCustoms.Drivers.Spectrometer.Calibration;
using SmartCustoms.Edge.Storage;

namespace SmartCustoms.Edge.Acquisition;

/// <summary>
/// Owns the NIR spectrometer: keeps a valid dark/white calibration (taking a new one when it is missing,
/// expired or the detector drifted), reads bursts, converts them to reflectance and hands them to inference.
/// A device error never stops the loop: it waits with backoff and tries again; the driver's health says
/// down/up and the device-state publisher reports it.
/// </summary>
internal sealed partial class SpectralAcquisitionWorker(
    ISpectrometer spectrometer,
    SpectrometerCalibrator calibrator,
    CalibrationPolicy calibrationPolicy,
    ReflectanceConverter converter,
    SpectralPipelineChannel pipeline,
    IEventStore store,
    IOptions<NirAcquisitionOptions> acquisitionOptions,
    IOptions<Drivers.Spectrometer.SpectrometerOptions> spectrometerOptions,
    NirCalibrationState calibrationState,
    SpectralBatchMerger merger,
    TimeProvider time,
    ILogger<SpectralAcquisitionWorker> logger) : BackgroundService
{
    private readonly NirAcquisitionOptions _options = acquisitionOptions.Value;
    private readonly NirBurstSizer _sizer = new(
        spectrometerOptions.Value.BurstSize, merger.MaxBursts, acquisitionOptions.Value.BurstWindow, spectrometerOptions.Value.MaxBlockBytes);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.Enabled)
        {
            LogDisabled(logger);
            return;
        }

        var delay = _options.RetryMinDelay;
        var failuresInARow = 0;
        var writer = pipeline.Channel.Writer;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    var calibration = await EnsureCalibrationAsync(stoppingToken);
                    var burst = await spectrometer.ReadBurstAsync(_sizer.Next, stoppingToken);
                    if (burst.Count == 0)
                    {
                        continue;
                    }

                    _sizer.Observe(burst);

                    calibrationState.ObserveTemperature(burst[^1].DetectorTemperatureC);
                    var spectra = new ReflectanceSpectrum[burst.Count];
                    for (var i = 0; i < burst.Count; i++)
                    {
                        spectra[i] = converter.Convert(burst[i], calibration);
                    }

                    await writer.WriteAsync(new ReflectanceBatch(spectra, calibration.Id), stoppingToken);
                    if (failuresInARow > 0)
                    {
                        LogRecovered(logger, failuresInARow);
                    }

                    failuresInARow = 0;
                    delay = _options.RetryMinDelay;
                }
                catch (DeviceException ex)
                {
                    failuresInARow++;
                    // The first failure and then every 20th: a pulled cable must not flood the log.
                    if (failuresInARow == 1 || failuresInARow % 20 == 0)
                    {
                        LogDeviceError(logger, failuresInARow, ex.Message);
                    }

                    await Task.Delay(delay, time, stoppingToken);
                    delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _options.RetryMaxDelay.Ticks));
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            writer.TryComplete();
        }
    }

    private async Task<SpectrometerCalibration> EnsureCalibrationAsync(CancellationToken cancellationToken)
    {
        var current = calibrationState.Current;
        var status = calibrationPolicy.Assess(current, calibrationState.LastDetectorTemperatureC ?? current?.DetectorTemperatureC ?? 0f);
        if (current is not null && status.IsValid)
        {
            return current;
        }

        LogCalibrating(logger, status.Reason);
        var calibration = await calibrator.CalibrateAsync(cancellationToken);
        calibrationState.Set(calibration);
        await store.AppendAsync(EventDraft.ForEvent("calibration", CalibrationEvent(calibration, status.Reason)), cancellationToken);
        LogCalibrated(logger, calibration.Id, calibration.DetectorTemperatureC, calibration.UnusablePixels);
        return calibration;
    }

    private static JsonObject CalibrationEvent(SpectrometerCalibration calibration, string reason) => new()
    {
        ["device"] = "nir",
        ["calibrationId"] = calibration.Id,
        ["instrumentSerial"] = calibration.InstrumentSerial,
        ["takenAt"] = calibration.TakenAt.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        ["validUntil"] = calibration.ExpiresAt.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        ["detectorTemperatureC"] = Math.Round(calibration.DetectorTemperatureC, 2),
        ["pixels"] = calibration.Pixels,
        ["unusablePixels"] = calibration.UnusablePixels,
        ["reason"] = reason,
    };

    [LoggerMessage(EventId = 1100, Level = LogLevel.Information, Message = "NIR acquisition is disabled (Acquisition:Nir:Enabled=false)")]
    private static partial void LogDisabled(ILogger logger);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Warning, Message = "NIR spectrometer error ({Failures} in a row), retrying: {Reason}")]
    private static partial void LogDeviceError(ILogger logger, int failures, string reason);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Information, Message = "NIR spectrometer delivers spectra again after {Failures} failed attempts")]
    private static partial void LogRecovered(ILogger logger, int failures);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Information, Message = "Taking a NIR dark/white calibration: {Reason}")]
    private static partial void LogCalibrating(ILogger logger, string reason);

    [LoggerMessage(EventId = 1104, Level = LogLevel.Information, Message = "NIR calibration {CalibrationId} taken at {TemperatureC:F1} °C, {Unusable} unusable pixels")]
    private static partial void LogCalibrated(ILogger logger, string calibrationId, float temperatureC, int unusable);
}
