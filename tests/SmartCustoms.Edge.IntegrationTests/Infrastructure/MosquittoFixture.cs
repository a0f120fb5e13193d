using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;
using SmartCustoms.Tests.Shared;

namespace SmartCustoms.Edge.IntegrationTests.Infrastructure;

/// <summary>
/// A real mosquitto on 127.0.0.1 and a free port, with its own config, persistence and log in a temp folder.
/// It can be stopped (SIGTERM, so it saves sessions like a service restart) and started again on the same
/// port for outage tests; it is killed on dispose. One per test class (xunit class fixture) or per test.
/// </summary>
public sealed partial class MosquittoFixture : IAsyncLifetime
{
    public const string DefaultBinary = "/usr/sbin/mosquitto";

    private readonly StringBuilder _output = new();
    private Process? _process;

    public MosquittoFixture()
    {
        Folder = Path.Combine(Path.GetTempPath(), "sc-mosquitto-" + Guid.NewGuid().ToString("N"));
    }

    public string Host { get; } = "127.0.0.1";

    public int Port { get; private set; }

    public string Folder { get; }

    /// <summary>Extra lines for the listener (e.g. TLS settings), set before <see cref="InitializeAsync"/>.</summary>
    public IList<string> ListenerSettings { get; } = [];

    /// <summary>Whether clients may connect without credentials (a TLS test turns it off).</summary>
    public bool AllowAnonymous { get; set; } = true;

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>mosquitto's own output so far (for failure messages).</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public async Task InitializeAsync()
    {
        var binary = Environment.GetEnvironmentVariable("MOSQUITTO") ?? DefaultBinary;
        if (!File.Exists(binary))
        {
            throw new InvalidOperationException(
                $"mosquitto not found at {binary}. Install it with: apt-get install -y mosquitto mosquitto-clients " +
                "(or set MOSQUITTO to its path). The tests start it themselves; no service needs to run.");
        }

        Directory.CreateDirectory(Folder);
        Port = FreePort();
        var config = string.Join('\n', [
            $"listener {Port.ToString(CultureInfo.InvariantCulture)} 127.0.0.1",
            .. ListenerSettings,
            AllowAnonymous ? "allow_anonymous true" : "allow_anonymous false",

            // Started as root, mosquitto drops to user 'mosquitto', which cannot write our temp folder: stay
            // the test's own user (ignored when not root).
            $"user {Environment.UserName}",
            "persistence true",
            $"persistence_location {Folder}/",
            "max_queued_messages 1000000",
            "max_inflight_messages 0",
            "log_dest stdout",
            "log_type error",
            "log_type warning",
            "log_type notice",
            ""]) + "\n";
        await File.WriteAllTextAsync(Path.Combine(Folder, "mosquitto.conf"), config);
        await StartAsync();
    }

    /// <summary>Starts mosquitto on <see cref="Port"/> and waits until it accepts TCP connections.</summary>
    public async Task StartAsync()
    {
        if (IsRunning)
        {
            return;
        }

        var binary = Environment.GetEnvironmentVariable("MOSQUITTO") ?? DefaultBinary;
        var info = new ProcessStartInfo(binary, ["-c", Path.Combine(Folder, "mosquitto.conf")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {binary}");
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;

        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(15))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException(
                    $"mosquitto exited with code {process.ExitCode} on port {Port}: {Output}");
            }

            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(20);
            }
        }

        throw new TimeoutException($"mosquitto did not accept connections on port {Port} within 15 s: {Output}");
    }

    /// <summary>Stops mosquitto like a service stop (SIGTERM; it saves its persistence) and waits for exit.</summary>
    public async Task StopAsync()
    {
        if (_process is not { HasExited: false } process)
        {
            return;
        }

        _ = NativeMethods.Kill(process.Id, 15);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill();
            await process.WaitForExitAsync();
        }

        process.Dispose();
        _process = null;
    }

    public async Task RestartAsync()
    {
        await StopAsync();
        await StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill();
            await process.WaitForExitAsync();
        }

        _process?.Dispose();
        _process = null;
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    /// <summary>A port for a server the test starts, below the ephemeral range (see <see cref="TestPorts"/>).</summary>
    internal static int FreePort() => TestPorts.Next();

    private static partial class NativeMethods
    {
        [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        internal static extern int Kill(int pid, int signal);
    }
}
