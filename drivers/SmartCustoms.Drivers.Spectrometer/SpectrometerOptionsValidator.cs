using System.Globalization;
using Microsoft.Extensions.Options;

namespace SmartCustoms.Drivers.Spectrometer;

/// <summary>Checks <see cref="SpectrometerOptions"/> at start; every message names the key. Thread-safe (stateless).</summary>
public sealed class SpectrometerOptionsValidator : IValidateOptions<SpectrometerOptions>
{
    private const string S = SpectrometerOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, SpectrometerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();

        if (string.IsNullOrWhiteSpace(options.DeviceName))
        {
            failures.Add($"{S}:DeviceName must not be empty");
        }

        if (!Enum.IsDefined(options.Transport))
        {
            failures.Add($"{S}:Transport must be tcp or serial, got {options.Transport}");
        }

        if (options.Transport == SpectrometerTransport.Tcp)
        {
            if (string.IsNullOrWhiteSpace(options.Host))
            {
                failures.Add($"{S}:Host must be set when {S}:Transport is tcp");
            }

            Range(failures, "Port", options.Port, 1, 65535);
        }

        if (options.Transport == SpectrometerTransport.Serial)
        {
            if (string.IsNullOrWhiteSpace(options.SerialPort))
            {
                failures.Add($"{S}:SerialPort must be set when {S}:Transport is serial (e.g. /dev/ttyUSB0)");
            }

            Range(failures, "BaudRate", options.BaudRate, 300, 4_000_000);
        }

        Range(failures, "IntegrationTimeMicroseconds", options.IntegrationTimeMicroseconds, 1, 10_000_000);
        Range(failures, "Averaging", options.Averaging, 1, 10_000);
        Range(failures, "BurstSize", options.BurstSize, 1, 10_000);
        Range(failures, "FailuresBeforeDown", options.FailuresBeforeDown, 1, 1000);
        Range(failures, "MaxBlockBytes", options.MaxBlockBytes, 1024, 256 * 1024 * 1024);
        Positive(failures, "ReplyTimeout", options.ReplyTimeout);
        Positive(failures, "SilenceTimeout", options.SilenceTimeout);
        if (options.SlowReplyLimit < TimeSpan.Zero || options.SlowReplyLimit >= options.SilenceTimeout)
        {
            failures.Add(string.Create(CultureInfo.InvariantCulture,
                $"{S}:SlowReplyLimit must be 0 (off) or shorter than {S}:SilenceTimeout ({options.SilenceTimeout}), got {options.SlowReplyLimit}"));
        }

        Positive(failures, "ConnectTimeout", options.ConnectTimeout);
        Positive(failures, "CalibrationValidity", options.CalibrationValidity);
        Range(failures, "ReferenceScans", options.ReferenceScans, 1, 1000);

        if (!double.IsFinite(options.MaxTemperatureDriftC) || options.MaxTemperatureDriftC <= 0)
        {
            failures.Add(string.Create(CultureInfo.InvariantCulture,
                $"{S}:MaxTemperatureDriftC must be a positive number of °C, got {options.MaxTemperatureDriftC}"));
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Range(List<string> failures, string key, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            failures.Add(string.Create(CultureInfo.InvariantCulture, $"{S}:{key} must be between {min} and {max}, got {value}"));
        }
    }

    private static void Positive(List<string> failures, string key, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            failures.Add(string.Create(CultureInfo.InvariantCulture, $"{S}:{key} must be a positive duration (e.g. 00:00:02), got {value}"));
        }
    }
}
