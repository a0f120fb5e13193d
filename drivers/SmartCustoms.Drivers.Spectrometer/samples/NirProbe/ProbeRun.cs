using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using SmartCustoms.Drivers.Abstractions;
using SmartCustoms.Drivers.Spectrometer;
using SmartCustoms.Drivers.Spectrometer.Calibration;
using SmartCustoms.Drivers.Spectrometer.Nir;
using SmartCustoms.Drivers.Spectrometer.Scpi;

namespace NirProbe;

/// <summary>Identify, calibrate and read bursts from a live instrument; keeps going through faults and prints what happened.</summary>
internal static class ProbeRun
{
    public static async Task<int> RunAsync(string host, int port, double seconds, ILoggerFactory logging)
    {
        var options = new SpectrometerOptions { Host = host, Port = port };
        var connections = new TcpScpiConnectionFactory(host, port, options.ConnectTimeout, TimeProvider.System);
        await using var nir = new ScpiSpectrometer(connections, options, TimeProvider.System, logging.CreateLogger<ScpiSpectrometer>());
        nir.HealthChanged += (_, h) => Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"health: {h.State} {h.Reason}"));
        var converter = new ReflectanceConverter();
        var policy = new CalibrationPolicy(options.MaxTemperatureDriftC, TimeProvider.System);
        var calibrator = new SpectrometerCalibrator(nir, converter, options.CalibrationValidity, TimeProvider.System,
            logging.CreateLogger<SpectrometerCalibrator>(), options.ReferenceScans);

        var identity = await nir.IdentifyAsync(CancellationToken.None);
        var axis = await nir.ReadWavelengthsAsync(CancellationToken.None);
        var lampHours = await nir.ReadLampHoursAsync(CancellationToken.None);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{identity.Maker} {identity.Model} serial {identity.Serial} firmware {identity.Firmware}; {axis.Length} pixels {axis[0]}-{axis[^1]} nm; lamp {lampHours} h"));
        var calibration = await calibrator.CalibrateAsync(CancellationToken.None);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"calibration {calibration.Id} at {calibration.DetectorTemperatureC:0.0} °C, {calibration.UnusablePixels} unusable pixels"));

        var clock = Stopwatch.StartNew();
        long spectra = 0, invalid = 0, errors = 0;
        double sumMeanR = 0;
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            try
            {
                foreach (var raw in await nir.ReadBurstAsync(options.BurstSize, CancellationToken.None))
                {
                    var r = converter.Convert(raw, calibration);
                    spectra++;
                    invalid += r.InvalidPixels;
                    sumMeanR += r.Reflectance.Where(float.IsFinite).DefaultIfEmpty(float.NaN).Average();
                }
            }
            catch (DeviceException ex)
            {
                errors++;
                Console.WriteLine($"error: {ex.GetType().Name}: {ex.Message}");
                await Task.Delay(200); // back off before the reconnect, as the acquisition worker would
            }
        }

        var temperature = await nir.ReadDetectorTemperatureAsync(CancellationToken.None);
        var status = policy.Assess(calibration, temperature);
        var m = nir.Metrics;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{spectra} spectra in {clock.Elapsed.TotalSeconds:0.0} s ({spectra / clock.Elapsed.TotalSeconds:0} /s), mean reflectance {sumMeanR / Math.Max(1, spectra):0.000}, invalid pixels {invalid}, errors {errors}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"counters: connects {m.Connects} reconnects {m.Reconnects} bad replies {m.BadReplies} timeouts {m.Timeouts} failures {m.Failures} missing spectra {m.MissingSpectra}; calibration {status.State} {status.Reason}; health {nir.Health.State}"));
        return 0;
    }
}
