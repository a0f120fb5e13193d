using System.Globalization;
using System.Runtime.InteropServices;

namespace SmartCustoms.Drivers.Benchmarks;

/// <summary>Prints the rows as a Markdown table with the date and machine, ready for drivers/README.md.</summary>
internal static class ResultTable
{
    public static void Print(IReadOnlyList<BenchmarkRow> rows, TimeSpan duration)
    {
        var invariant = CultureInfo.InvariantCulture;
        Console.WriteLine();
        Console.WriteLine(string.Create(invariant,
            $"Driver benchmarks, {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription.Trim()}, {RuntimeInformation.FrameworkDescription}, {duration.TotalSeconds:0} s per row"));
        Console.WriteLine("(CPU = this process's CPU time / wall time, % of one core; the simulators run in a child process)");
        if (File.Exists("/proc/loadavg"))
        {
            // On a shared machine the load says how far the figures are lower bounds.
            Console.WriteLine("load average (1/5/15 min) at the end: " + string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)));
        }
        Console.WriteLine();
        Console.WriteLine("| measured | rate | latency | driver CPU | notes |");
        Console.WriteLine("|---|---:|---:|---:|---|");
        foreach (var row in rows)
        {
            Console.WriteLine(string.Create(invariant, $"| {row.What} | {row.Rate} | {row.Latency} | {row.CpuPercentOfOneCore:0} % | {row.Notes} |"));
        }
    }
}
