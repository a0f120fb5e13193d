using System.Diagnostics;
using System.Globalization;

namespace SmartCustoms.Edge.IntegrationTests.Scenarios;

/// <summary>
/// CPU time of the gateway process (user + system, from <c>/proc/{pid}/stat</c>), found by a unique argument on its
/// command line. Linux only; returns null elsewhere or when the process is not found. For the scenario report's
/// "gateway CPU" figure (the perf target is total gateway CPU ≤ 60 % of 2 cores).
/// </summary>
public static class GatewayCpu
{
    private const double ClockTicksPerSecond = 100; // USER_HZ on Linux

    public static int? FindProcess(string uniqueArgument)
    {
        if (!Directory.Exists("/proc"))
        {
            return null;
        }

        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            try
            {
                var cmdline = File.ReadAllText(Path.Combine(dir, "cmdline"));
                if (cmdline.Contains(uniqueArgument, StringComparison.Ordinal) && cmdline.Contains("SmartCustoms.Edge.dll", StringComparison.Ordinal))
                {
                    return pid;
                }
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        return null;
    }

    /// <summary>(CPU seconds used so far, monotonic seconds now), or null.</summary>
    public static (double CpuSeconds, double At)? Sample(int? pid)
    {
        if (pid is null)
        {
            return null;
        }

        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // Fields after the command name (which may hold spaces, in parentheses): state is field 3, utime 14, stime 15.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var ticks = double.Parse(fields[11], CultureInfo.InvariantCulture) + double.Parse(fields[12], CultureInfo.InvariantCulture);
            return (ticks / ClockTicksPerSecond, Stopwatch.GetTimestamp() / (double)Stopwatch.Frequency);
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>Share of one core used between two samples (1.0 = one core busy), or NaN.</summary>
    public static double CoresBetween((double CpuSeconds, double At)? from, (double CpuSeconds, double At)? to) =>
        from is { } a && to is { } b && b.At > a.At ? (b.CpuSeconds - a.CpuSeconds) / (b.At - a.At) : double.NaN;

    public static string LoadAverage()
    {
        try
        {
            return File.ReadAllText("/proc/loadavg").Trim();
        }
        catch (IOException)
        {
            return "unknown";
        }
    }
}
