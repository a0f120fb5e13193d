using System.Globalization;
using System.Text.Json.Nodes;
using SmartCustoms.Drivers.Abstractions;
using SmartCustoms.Drivers.Spectrometer.Calibration;
using SmartCustoms.Edge.Acquisition;
using SmartCustoms.Edge.Messaging;
using SmartCustoms.Edge.Storage;

namespace SmartCustoms.Edge.Commands;

/// <summary>
/// <c>calibrate</c> (<c>{"device":"nir","kind":"dark-white"}</c>): takes a NIR dark/white calibration now, on
/// request (a technician after cleaning the window, a new white tile). The calibrator uses the spectrometer's
/// own serialisation, so it runs beside the acquisition loop (bursts pause meanwhile); the new calibration is
/// used from the next burst and published as a <c>calibration</c> event whose reason names who asked.
/// One at a time: a second request while one runs is refused. Thread-safe.
/// </summary>
internal sealed partial class NirCalibrationCommand(
    SpectrometerCalibrator calibrator,
    NirCalibrationState state,
    IEventStore store,
    ILogger<NirCalibrationCommand> logger) : IDisposable
{
    private readonly SemaphoreSlim _one = new(1, 1);

    public async Task<CommandResult> RunAsync(CommandPayload payload, string requestedBy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(payload);
        var device = payload.OptionalString("device") ?? "nir";
        if (!string.Equals(device, "nir", StringComparison.Ordinal))
        {
            return CommandResult.Failure($"calibrate: device '{device}' cannot be calibrated by the gateway (only 'nir')");
        }

        var kind = payload.OptionalString("kind") ?? "dark-white";
        if (!string.Equals(kind, "dark-white", StringComparison.Ordinal))
        {
            return CommandResult.Failure($"calibrate: kind '{kind}' is not supported (only 'dark-white')");
        }

        if (!await _one.WaitAsync(0, cancellationToken))
        {
            return CommandResult.Failure("calibrate: a NIR calibration is already running");
        }

        try
        {
            var reason = "requested by " + requestedBy;
            LogCalibrating(logger, reason);
            var calibration = await calibrator.CalibrateAsync(cancellationToken);
            state.Set(calibration);
            await store.AppendAsync(EventDraft.ForEvent("calibration", Event(calibration, reason)), cancellationToken);
            return CommandResult.Success(new JsonObject { ["calibrationId"] = calibration.Id });
        }
        catch (DeviceException ex)
        {
            return CommandResult.Failure("calibrate: the NIR calibration failed: " + ex.Message);
        }
        finally
        {
            _one.Release();
        }
    }

    public void Dispose() => _one.Dispose();

    /// <summary>The same payload as the acquisition loop's own calibration events (schema sc.event.calibration/1).</summary>
    private static JsonObject Event(SpectrometerCalibration calibration, string reason) => new()
    {
        ["device"] = "nir",
        ["calibrationId"] = calibration.Id,
        ["instrumentSerial"] = calibration.InstrumentSerial,
        ["takenAt"] = calibration.TakenAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
        ["validUntil"] = calibration.ExpiresAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
        ["detectorTemperatureC"] = Math.Round(calibration.DetectorTemperatureC, 2),
        ["pixels"] = calibration.Pixels,
        ["unusablePixels"] = calibration.UnusablePixels,
        ["reason"] = reason,
    };

    [LoggerMessage(EventId = 1510, Level = LogLevel.Information, Message = "Taking a NIR dark/white calibration: {Reason}")]
    private static partial void LogCalibrating(ILogger logger, string reason);
}
