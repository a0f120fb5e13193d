using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace SmartCustoms.Simulators.Tests.Modbus;

/// <summary>Runs the real Modbus client <c>mbpoll</c> (apt package mbpoll) as a process: the simulators must satisfy a client we did not write.</summary>
internal static partial class Mbpoll
{
    public static string? Path { get; } = Find();

    public static bool IsInstalled => Path is not null;

    /// <summary>mbpoll's exit code and output. Args are mbpoll options; -m tcp, -p, -1 and the host are added.</summary>
    public static async Task<MbpollResult> RunAsync(IPEndPoint endpoint, params string[] args)
    {
        var psi = new ProcessStartInfo(Path ?? throw new InvalidOperationException("mbpoll is not installed"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string a in new[] { "-m", "tcp", "-p", endpoint.Port.ToString(CultureInfo.InvariantCulture), "-1", "-o", "2" })
        {
            psi.ArgumentList.Add(a);
        }

        // mbpoll wants the host before the values to write: split at "--values".
        int split = Array.IndexOf(args, "--values");
        foreach (string a in split < 0 ? args : args[..split])
        {
            psi.ArgumentList.Add(a);
        }

        psi.ArgumentList.Add(endpoint.Address.ToString());
        if (split >= 0)
        {
            foreach (string a in args[(split + 1)..])
            {
                psi.ArgumentList.Add(a);
            }
        }

        using var process = Process.Start(psi)!;
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var stdout = process.StandardOutput.ReadToEndAsync(cts.Token);
        var stderr = process.StandardError.ReadToEndAsync(cts.Token);
        await process.WaitForExitAsync(cts.Token);
        return new MbpollResult(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>The values mbpoll printed, by reference number: lines like <c>[3]: 	1234</c>.</summary>
    public static Dictionary<int, long> Values(string stdout)
    {
        var values = new Dictionary<int, long>();
        foreach (Match m in ValueLine().Matches(stdout))
        {
            values[int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)] = long.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture);
        }

        return values;
    }

    private static string? Find()
    {
        foreach (string dir in (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin").Split(':'))
        {
            string candidate = System.IO.Path.Combine(dir, "mbpoll");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    [GeneratedRegex(@"^\[(\d+)\]:\s+(-?\d+)", RegexOptions.Multiline)]
    private static partial Regex ValueLine();
}

internal sealed record MbpollResult(int ExitCode, string Stdout, string Stderr)
{
    public string All => Stdout + Stderr;

    public override string ToString() => $"exit {ExitCode}\n{Stdout}\n{Stderr}";
}

/// <summary>A fact that needs mbpoll; skipped with the reason when it is not installed.</summary>
internal sealed class MbpollFactAttribute : FactAttribute
{
    public MbpollFactAttribute()
    {
        if (!Mbpoll.IsInstalled)
        {
            Skip = "mbpoll is not installed (apt-get install mbpoll): these tests need a Modbus client we did not write.";
        }
    }
}
