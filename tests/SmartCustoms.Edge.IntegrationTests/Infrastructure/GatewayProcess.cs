using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace SmartCustoms.Edge.IntegrationTests.Infrastructure;

/// <summary>
/// The gateway as an operator runs it: a separate process (`dotnet SmartCustoms.Edge.dll …`) in its own
/// working folder, its output recorded, stopped with SIGTERM like systemd or Ctrl+C does.
/// </summary>
public sealed class GatewayProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _stdout = new();
    private readonly ConcurrentQueue<string> _stderr = new();

    private GatewayProcess(Process process, string workingDirectory)
    {
        _process = process;
        WorkingDirectory = workingDirectory;
    }

    public string WorkingDirectory { get; }

    public string StandardOutput => string.Join('\n', _stdout);

    public string StandardError => string.Join('\n', _stderr);

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public static GatewayProcess Start(params string[] args)
    {
        var workingDirectory = Path.Combine(Path.GetTempPath(), "sc-gateway-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(workingDirectory);
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(RepositoryPaths.GatewayDll);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var gateway = new GatewayProcess(process, workingDirectory);
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { gateway._stdout.Enqueue(e.Data); } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { gateway._stderr.Enqueue(e.Data); } };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return gateway;
    }

    public async Task<int> WaitForExitAsync(TimeSpan within)
    {
        using var cts = new CancellationTokenSource(within);
        await _process.WaitForExitAsync(cts.Token);
        _process.WaitForExit(); // drains the redirected output
        return _process.ExitCode;
    }

    /// <summary>Waits for a line of standard output; fails with everything the gateway said.</summary>
    public async Task<string> WaitForOutputAsync(Func<string, bool> predicate, TimeSpan within)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < within)
        {
            var line = _stdout.FirstOrDefault(predicate);
            if (line is not null)
            {
                return line;
            }

            if (_process.HasExited)
            {
                break;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"gateway output line not seen within {within}. stdout:\n{StandardOutput}\nstderr:\n{StandardError}");
    }

    /// <summary>SIGTERM, as systemd and Ctrl+C stop it.</summary>
    public void Terminate()
    {
        if (!_process.HasExited)
        {
            using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]);
            kill.WaitForExit();
        }
    }

    /// <summary>SIGKILL: no shutdown code runs, no flush, no DISCONNECT (as close to a power cut as a test gets).</summary>
    public async Task KillHardAsync()
    {
        if (!_process.HasExited)
        {
            using var kill = Process.Start("kill", ["-KILL", _process.Id.ToString(CultureInfo.InvariantCulture)]);
            kill.WaitForExit();
        }

        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }
        catch (InvalidOperationException)
        {
        }

        _process.Dispose();
        try
        {
            Directory.Delete(WorkingDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
