using SmartCustoms.Drivers.Spectrometer.Scpi;

namespace SmartCustoms.Drivers.Spectrometer;

/// <summary>Settings of the NIR spectrometer, configuration section <c>Devices:Nir</c>.</summary>
public sealed class SpectrometerOptions
{
    public const string SectionName = "Devices:Nir";

    /// <summary>Device name used in health reports, logs and MQTT topics.</summary>
    public string DeviceName { get; set; } = "nir";

    public SpectrometerTransport Transport { get; set; } = SpectrometerTransport.Tcp;

    public string Host { get; set; } = "127.0.0.1";

    public int Port { get; set; } = 5025;

    /// <summary>Serial device, e.g. <c>/dev/ttyUSB0</c> or <c>COM3</c>; required when <see cref="Transport"/> is serial.</summary>
    public string? SerialPort { get; set; }

    public int BaudRate { get; set; } = 115200;

    /// <summary>Detector integration time sent with <c>CONF:INT</c>. Too long saturates the white reference (calibration is then rejected).</summary>
    public int IntegrationTimeMicroseconds { get; set; } = 1000;

    /// <summary>Scans averaged per spectrum, sent with <c>CONF:AVG</c>.</summary>
    public int Averaging { get; set; } = 1;

    /// <summary>Spectra fetched per <c>FETC:BURS?</c>.</summary>
    public int BurstSize { get; set; } = 50;

    public TimeSpan ReplyTimeout { get; set; } = TimeSpan.FromSeconds(2);

    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Consecutive failed operations before the device is reported down.</summary>
    public int FailuresBeforeDown { get; set; } = 3;

    /// <summary>
    /// An operation without a good, timely answer for this long (beyond the acquisition it asked for) marks the
    /// instrument down, whatever the cause: stall, slow answers, garbage. Sooner than
    /// <see cref="FailuresBeforeDown"/> × <see cref="ReplyTimeout"/>. An idle instrument (nobody asking) is never marked down.
    /// </summary>
    public TimeSpan SilenceTimeout { get; set; } = TimeSpan.FromSeconds(1.5);

    /// <summary>
    /// An answer later than this (beyond the acquisition it asked for: spectra × integration time × averaging × 2)
    /// is slow: its data is used, but it does not count as a good answer, so slow answers for
    /// <see cref="SilenceTimeout"/> mark the instrument down. 0 turns the check off.
    /// </summary>
    public TimeSpan SlowReplyLimit { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// Dark and white references read and averaged per calibration (each a separate <c>CAL:DARK?</c> / <c>CAL:WHITE?</c>).
    /// Why: the references divide every spectrum until the next calibration, so their noise is a fixed pattern on all of
    /// them; the spectral model was trained with 32-frame references. With single-frame references the clean-ore hit rate
    /// of a run was 0.12-2.3 % depending on the calibration's noise draw (median 0.57 %); with 32, 0.05-0.09 %.
    /// </summary>
    public int ReferenceScans { get; set; } = 32;

    /// <summary>How long a dark/white calibration stays valid.</summary>
    public TimeSpan CalibrationValidity { get; set; } = TimeSpan.FromHours(8);

    /// <summary>Detector temperature drift since calibration (°C) after which the calibration is stale.</summary>
    public double MaxTemperatureDriftC { get; set; } = 2.0;

    /// <summary>Largest block accepted from the instrument; protects memory against a corrupt length field.</summary>
    public int MaxBlockBytes { get; set; } = ScpiReaderLimits.DefaultMaxBlockBytes;
}
