using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using SmartCustoms.Tests.Shared;

namespace SmartCustoms.Edge.EndToEndTests;

/// <summary>
/// The real gateway as an operator runs it: <c>dotnet SmartCustoms.Edge.dll --simulate --scenario …</c> in its
/// own process and working folder, every port free (HTTP port 0, simulated devices and the embedded broker on
/// free loopback ports), no users configured so the simulator's demo users apply. Stopped with SIGTERM.
/// </summary>
internal sealed partial class SimulatedGateway : IAsyncDisposable
{
    public const string OperatorPin = "1111";
    public const string SupervisorPin = "2222";
    public const string TechnicianPin = "3333";
    public const string RemotePin = "4444";

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly string _workingDirectory;

    private SimulatedGateway(Process process, string workingDirectory, int controlPort)
    {
        _process = process;
        _workingDirectory = workingDirectory;
        ControlUrl = $"http://127.0.0.1:{controlPort}";
        Http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
    }

    public string Url { get; private set; } = string.Empty;

    /// <summary>The simulator's control API (faults, ground truth).</summary>
    public string ControlUrl { get; }

    public HttpClient Http { get; }

    public int ProcessId => _process.Id;

    /// <summary>The gateway's <c>Storage:Path</c>.</summary>
    public string DataPath => Path.Combine(_workingDirectory, "data");

    /// <summary>The audit chain's lines so far (<c>{Storage:Path}/audit/audit.jsonl</c>), read while the gateway writes it.</summary>
    public string[] AuditLines()
    {
        var path = Path.Combine(DataPath, "audit", "audit.jsonl");
        if (!File.Exists(path))
        {
            return [];
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    public string Output => string.Join('\n', _output);

    public static async Task<SimulatedGateway> StartAsync(string scenario, params string[] extra)
    {
        var workingDirectory = Path.Combine(Path.GetTempPath(), "sc-ui-e2e-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(workingDirectory);
        var control = FreePort();
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(RepositoryPaths.GatewayDll);
        foreach (var arg in (string[])[
            "--simulate", "--scenario", scenario,
            "--Urls=http://127.0.0.1:0",
            "--Simulator:NirPort=" + FreePort(), "--Simulator:SamplerPort=" + FreePort(), "--Simulator:ScalePort=" + FreePort(),
            "--Simulator:RadiationPort=" + FreePort(), "--Simulator:CameraPort=" + FreePort(), "--Simulator:ControlPort=" + control,
            "--Mqtt:EmbeddedBrokerPort=0", "--Mqtt:Site=e2e", "--Mqtt:Lane=lane" + FreePort(),
            "--Storage:Path=" + Path.Combine(workingDirectory, "data"),
            "--Serilog:MinimumLevel:Default=Warning", .. extra])
        {
            info.ArgumentList.Add(arg);
        }

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var gateway = new SimulatedGateway(process, workingDirectory, int.Parse(control, CultureInfo.InvariantCulture));
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { gateway._output.Enqueue(e.Data); } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { gateway._output.Enqueue("ERR " + e.Data); } };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            gateway.Url = await gateway.WaitForUrlAsync(TimeSpan.FromSeconds(60));
            await gateway.WaitUntilAsync(async () => (await gateway.LaneAsync()).GetProperty("devices").GetArrayLength() >= 4,
                "the simulated devices report", TimeSpan.FromSeconds(60));
        }
        catch
        {
            await gateway.DisposeAsync();
            throw;
        }

        return gateway;
    }

    public async Task<JsonElement> LaneAsync() => await Http.GetFromJsonAsync<JsonElement>(Url + "/api/lane");

    public async Task<JsonElement> DiagnosticsAsync() => await Http.GetFromJsonAsync<JsonElement>(Url + "/ui/diagnostics");

    /// <summary>Asks the simulator to fail a device (<c>POST /faults</c> of the control API).</summary>
    public async Task FaultAsync(string device, string kind, int seconds)
    {
        using var response = await Http.PostAsJsonAsync(ControlUrl + "/faults", new { device, kind, seconds });
        response.EnsureSuccessStatusCode();
    }

    /// <summary>The gateway process's resident set from <c>/proc/{pid}/status</c> (VmRSS), bytes.</summary>
    public long ResidentBytes()
    {
        foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return long.Parse(RssNumber().Match(line).Value, CultureInfo.InvariantCulture) * 1024;
            }
        }

        throw new InvalidOperationException("VmRSS missing from /proc status");
    }

    public async Task WaitUntilAsync(Func<Task<bool>> condition, string what, TimeSpan within)
    {
        var clock = Stopwatch.StartNew();
        Exception? last = null;
        while (clock.Elapsed < within)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"gateway exited ({_process.ExitCode}) while waiting for {what}:\n{Output}");
            }

            try
            {
                if (await condition())
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException or KeyNotFoundException)
            {
                last = ex;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"timed out after {within.TotalSeconds} s waiting for {what} ({last?.Message}). Gateway output:\n{Output}");
    }

    private async Task<string> WaitForUrlAsync(TimeSpan within)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < within && !_process.HasExited)
        {
            foreach (var line in _output)
            {
                var match = RunningLine().Match(line);
                if (match.Success)
                {
                    return match.Groups[1].Value;
                }
            }

            await Task.Delay(100);
        }

        if (_process.HasExited)
        {
            // Drains the redirected output first, so the message has the gateway's last words.
            _process.WaitForExit();
            throw new InvalidOperationException($"gateway exited with code {_process.ExitCode} before reporting its URL:\n{Output}");
        }

        throw new TimeoutException($"gateway did not report its URL within {within.TotalSeconds} s:\n{Output}");
    }

    private static string FreePort() => TestPorts.Next().ToString(CultureInfo.InvariantCulture);

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        try
        {
            if (!_process.HasExited)
            {
                using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
                {
                    await kill.WaitForExitAsync();
                }

                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
                try
                {
                    await _process.WaitForExitAsync(timeout.Token);
                }
                catch (OperationCanceledException)
                {
                    _process.Kill(entireProcessTree: true);
                    await _process.WaitForExitAsync();
                }
            }
        }
        finally
        {
            _process.Dispose();
            try
            {
                Directory.Delete(_workingDirectory, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temp folder is harmless.
            }
        }
    }

    [GeneratedRegex(@"UI and HTTP API: (http://[^/\s]+)/")]
    private static partial Regex RunningLine();

    [GeneratedRegex(@"\d+")]
    private static partial Regex RssNumber();
}
