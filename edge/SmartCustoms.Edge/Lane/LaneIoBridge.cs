using Microsoft.Extensions.Options;
using SmartCustoms.Drivers.Abstractions.LaneIo;
using SmartCustoms.Edge.Core;
using SmartCustoms.Edge.Core.Options;

namespace SmartCustoms.Edge.Lane;

/// <summary>
/// Connects the lane I/O to the lane core, only when the lane I/O is enabled (a disabled lane I/O reads the
/// e-stop as active, fail-safe, which would block sampling on lanes that have no I/O wired):
/// e-stop → <see cref="LaneCore.SetEmergencyStop"/> at once on every change and again every tick;
/// the core's stack light → the lamp and horn outputs whenever it changes;
/// the encoder's pulse count → <see cref="LaneCore.RecordEncoderPulses"/> when <c>Lane:Geometry:EncoderPulsesPerMetre</c>
/// &gt; 0 says the encoder is the lane's speed source (otherwise the belt scale's speed moves the belt).
/// </summary>
internal sealed partial class LaneIoBridge(
    LaneCore core,
    ILaneIo laneIo,
    IOptions<LaneGeometryOptions> geometry,
    IOptions<LaneHostOptions> host,
    TimeProvider time,
    ILogger<LaneIoBridge> logger) : BackgroundService
{
    private StackLightOutputs? _written;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        laneIo.InputChanged += OnInputChanged;
        try
        {
            var useEncoder = geometry.Value.EncoderPulsesPerMetre > 0;
            using var timer = new PeriodicTimer(host.Value.TickInterval, time);
            do
            {
                Tick(useEncoder);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (ObjectDisposedException) when (stoppingToken.IsCancellationRequested)
        {
            // The lane I/O was disposed while the host was stopping; it switches its outputs off itself.
        }
        finally
        {
            laneIo.InputChanged -= OnInputChanged;
        }
    }

    private void Tick(bool useEncoder)
    {
        // The latest state, not an event's: covers a change raised before we subscribed.
        core.SetEmergencyStop(laneIo.Inputs.EStopActive);

        var wanted = StackLightMapping.ToOutputs(core.StackLight);
        if (wanted != _written)
        {
            laneIo.SetStackLight(wanted);
            _written = wanted;
            LogStackLight(logger, wanted.Green, wanted.Amber, wanted.Red, wanted.Horn);
        }

        if (useEncoder && laneIo.HasEncoder)
        {
            var reading = laneIo.ReadEncoder();
            core.RecordEncoderPulses(reading.PulseCount, reading.HostTimestamp);
        }
    }

    private void OnInputChanged(object? sender, LaneInputChange change)
    {
        if (change.Input == LaneInput.EStop)
        {
            core.SetEmergencyStop(laneIo.Inputs.EStopActive);
            if (change.Active)
            {
                LogEStopActive(logger, change.FailSafe);
            }
            else
            {
                LogEStopReleased(logger);
            }
        }
    }

    [LoggerMessage(EventId = 1601, Level = LogLevel.Information, Message = "Stack light set: green={Green} amber={Amber} red={Red} horn={Horn}")]
    private static partial void LogStackLight(ILogger logger, bool green, bool amber, bool red, bool horn);

    [LoggerMessage(EventId = 1602, Level = LogLevel.Warning, Message = "E-stop active (fail-safe: {FailSafe}); no sampler command is sent until it is released")]
    private static partial void LogEStopActive(ILogger logger, bool failSafe);

    [LoggerMessage(EventId = 1603, Level = LogLevel.Information, Message = "E-stop released")]
    private static partial void LogEStopReleased(ILogger logger);
}
