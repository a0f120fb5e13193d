using Microsoft.Extensions.DependencyInjection;
using SmartCustoms.Drivers.Abstractions.BeltScale;
using SmartCustoms.Drivers.Abstractions.Camera;
using SmartCustoms.Drivers.Abstractions.LaneIo;
using SmartCustoms.Drivers.Abstractions.Radiation;
using SmartCustoms.Drivers.Abstractions.Sampler;
using SmartCustoms.Edge.Ui.Instruments;

namespace SmartCustoms.Edge.Ui.Stream;

/// <summary>
/// The <c>instruments</c> part of the live stream: the devices' latest readings (belt scale, radiation monitor,
/// sampler PLC, lane I/O inputs/outputs/encoder, camera name), the latest spectrum with the model's reading (thinned to at most
/// <see cref="MaxSpectrumPoints"/> points for the chart) and the calibrations. Every source is optional: a
/// host without one shows "not available" rather than a made-up value. Thread-safe (reads only).
/// </summary>
internal sealed class InstrumentsView(IServiceProvider services)
{
    public const int MaxSpectrumPoints = 160;

    private readonly ILaneInstruments? _instruments = services.GetService<ILaneInstruments>();
    private readonly IBeltScale? _scale = services.GetService<IBeltScale>();
    private readonly IRadiationMonitor? _radiation = services.GetService<IRadiationMonitor>();
    private readonly ISampler? _sampler = services.GetService<ISampler>();
    private readonly IFrameSource? _camera = services.GetService<IFrameSource>();
    private readonly ILaneIo? _laneIo = services.GetService<ILaneIo>();

    /// <summary>The camera's name (for <c>/video/{camera}.mjpg</c>), or null when the lane has none.</summary>
    public string? CameraName => _camera?.DeviceName;

    public object Snapshot()
    {
        var scale = _scale?.LastReading;
        var radiation = _radiation?.LastReading;
        var sampler = _sampler?.LastStatus;
        var spectrum = _instruments?.LatestSpectrum;
        return new
        {
            camera = CameraName,
            scale = scale is null ? null : new
            {
                flowTonnesPerHour = scale.FlowTonnesPerHour,
                totaliserTonnes = scale.TotaliserTonnes,
                beltSpeedMetresPerSecond = scale.BeltSpeedMetresPerSecond,
                running = scale.Running,
                fault = scale.Fault,
                at = scale.HostTime,
            },
            radiation = radiation is null ? null : new
            {
                doseRate = radiation.DoseRateNanosievertPerHour,
                background = radiation.BackgroundNanosievertPerHour,
                alarmState = radiation.AlarmState.ToString().ToLowerInvariant(),
                detectorOk = radiation.DetectorOk,
                detectorStatus = radiation.DetectorStatus,
                at = radiation.HostTime,
            },
            sampler = sampler is null ? null : new
            {
                state = sampler.State.ToString().ToLowerInvariant(),
                binFillPercent = sampler.BinFillPercent,
                binFull = sampler.BinFull,
                ready = sampler.Ready,
                cutterHome = sampler.CutterHome,
                interlockOk = sampler.BeltInterlockOk,
                faultCode = sampler.FaultCode,
                incrementsCompleted = sampler.IncrementsCompleted,
                lastIncrementId = sampler.LastIncrementId,
                lastIncrementMassKg = sampler.LastIncrementMassKg,
                at = sampler.HostTime,
            },
            laneIo = LaneIo(),
            spectrumAvailable = _instruments is not null,
            spectrum = spectrum is null ? null : Thin(spectrum),
            calibrations = _instruments?.Calibrations,
        };
    }

    /// <summary>The lane I/O's last state: debounced inputs, the outputs last commanded, the encoder's speed now, the cabinet climate.</summary>
    private object? LaneIo()
    {
        if (_laneIo is null)
        {
            return null;
        }

        var inputs = _laneIo.Inputs;
        var light = _laneIo.StackLight;
        var encoder = _laneIo.HasEncoder ? _laneIo.ReadEncoder() : null;
        var climate = _laneIo.LastClimate;
        return new
        {
            device = _laneIo.DeviceName,
            beltRunning = inputs.BeltRunning,
            eStopActive = inputs.EStopActive,
            eStopFailSafe = inputs.EStopFailSafe,
            stackLight = new { green = light.Green, amber = light.Amber, red = light.Red, horn = light.Horn },
            encoder = encoder is null ? null : new { speedMetresPerSecond = encoder.BeltSpeedMetresPerSecond, pulseCount = encoder.PulseCount },
            climate = climate is null ? null : new { temperatureC = climate.TemperatureCelsius, humidityPercent = climate.RelativeHumidityPercent, at = climate.HostTime },
        };
    }

    private static object Thin(SpectrumReading s)
    {
        var n = Math.Min(s.WavelengthsNm.Count, s.Reflectance.Count);
        var step = Math.Max(1, (int)Math.Ceiling(n / (double)MaxSpectrumPoints));
        var wavelengths = new List<float>(n / step + 1);
        var reflectance = new List<float?>(n / step + 1);
        for (var i = 0; i < n; i += step)
        {
            wavelengths.Add(s.WavelengthsNm[i]);
            // JSON has no NaN: an invalid pixel becomes null and the chart leaves a gap.
            reflectance.Add(float.IsFinite(s.Reflectance[i]) ? s.Reflectance[i] : null);
        }

        return new
        {
            at = s.At,
            wavelengthsNm = wavelengths,
            reflectance,
            className = s.ClassName,
            contaminantScore = float.IsFinite(s.ContaminantScore) ? s.ContaminantScore : (float?)null,
            isContaminant = s.IsContaminant,
            isOutOfDistribution = s.IsOutOfDistribution,
            problem = s.Problem,
            model = s.Model,
            calibrationId = s.CalibrationId,
        };
    }
}
