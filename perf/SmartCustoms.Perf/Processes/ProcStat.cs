using System.Globalization;

namespace SmartCustoms.Perf.Processes;

/// <summary>
/// What Linux says about a process: CPU time from <c>/proc/PID/stat</c> (utime + stime, in clock ticks) and
/// memory from <c>/proc/PID/status</c> (VmRSS now, VmHWM = peak resident set). Pure reads; a process that has
/// exited reads as absent (null).
/// </summary>
internal static class ProcStat
{
    /// <summary>USER_HZ: the unit of utime/stime. 100 on every Linux this runs on (getconf CLK_TCK).</summary>
    public const double TicksPerSecond = 100;

    /// <summary>CPU time used so far (user + system), or null when the process is gone.</summary>
    public static TimeSpan? CpuTime(int pid)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        // The command name (field 2) is in parentheses and may contain spaces: count fields after the last ')'.
        var rest = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        // rest[0] is field 3 (state); utime is field 14, stime field 15.
        var utime = long.Parse(rest[11], CultureInfo.InvariantCulture);
        var stime = long.Parse(rest[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds((utime + stime) / TicksPerSecond);
    }

    /// <summary>Peak resident set size (VmHWM), bytes, or null when the process is gone.</summary>
    public static long? PeakRssBytes(int pid) => StatusKilobytes(pid, "VmHWM:") * 1024;

    /// <summary>Resident set size now (VmRSS), bytes, or null when the process is gone.</summary>
    public static long? RssBytes(int pid) => StatusKilobytes(pid, "VmRSS:") * 1024;

    private static long? StatusKilobytes(int pid, string key)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith(key, StringComparison.Ordinal))
                {
                    return long.Parse(line[key.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
        }

        return null;
    }
}
