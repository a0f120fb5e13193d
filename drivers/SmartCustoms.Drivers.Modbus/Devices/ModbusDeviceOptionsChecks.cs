using System.Globalization;

namespace SmartCustoms.Drivers.Modbus.Devices;

/// <summary>The checks every Modbus device section shares; messages name the full key.</summary>
internal static class ModbusDeviceOptionsChecks
{
    public static List<string> Check(ModbusDeviceOptions options)
    {
        var failures = new List<string>();
        var s = options.SectionPath;
        if (string.IsNullOrWhiteSpace(options.Host))
        {
            failures.Add($"{s}:Host must not be empty");
        }

        if (options.Port is < 1 or > 65535)
        {
            failures.Add(Invariant($"{s}:Port must be 1-65535, got {options.Port}"));
        }

        if (options.UnitId is < 0 or > 255)
        {
            failures.Add(Invariant($"{s}:UnitId must be 0-255, got {options.UnitId}"));
        }

        Positive(failures, $"{s}:RequestTimeout", options.RequestTimeout);
        Positive(failures, $"{s}:ConnectTimeout", options.ConnectTimeout);
        Positive(failures, $"{s}:PollInterval", options.PollInterval);
        Positive(failures, $"{s}:HeartbeatTimeout", options.HeartbeatTimeout);
        Positive(failures, $"{s}:SilenceTimeout", options.SilenceTimeout);
        if (options.FailuresBeforeDown < 1)
        {
            failures.Add(Invariant($"{s}:FailuresBeforeDown must be at least 1, got {options.FailuresBeforeDown}"));
        }

        // A heartbeat can only be seen to move if it is read more than once per timeout.
        if (options.PollInterval > TimeSpan.Zero && options.HeartbeatTimeout > TimeSpan.Zero &&
            options.HeartbeatTimeout <= options.PollInterval)
        {
            failures.Add(Invariant($"{s}:HeartbeatTimeout ({options.HeartbeatTimeout}) must be longer than {s}:PollInterval ({options.PollInterval})"));
        }

        // Between two good polls lies one poll interval; a silence limit at or below it would flap.
        if (options.PollInterval > TimeSpan.Zero && options.SilenceTimeout > TimeSpan.Zero &&
            options.SilenceTimeout <= options.PollInterval)
        {
            failures.Add(Invariant($"{s}:SilenceTimeout ({options.SilenceTimeout}) must be longer than {s}:PollInterval ({options.PollInterval})"));
        }

        return failures;
    }

    public static void Positive(List<string> failures, string key, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            failures.Add(Invariant($"{key} must be a positive time span (e.g. 00:00:02), got {value}"));
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
