using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace SmartCustoms.Perf.Processes;

/// <summary>
/// A real mosquitto on 127.0.0.1 and a free port with its own config and persistence folder; restartable on the
/// same port (SIGTERM saves the persistence file, as a service restart does). Not thread-safe.
/// </summary>
internal sealed class MosquittoBroker : IAsyncDisposable
{
    private readonly string _binary;
    private readonly string _folder;
    private ChildProcess? _process;

    private MosquittoBroker(string binary, string folder, int port)
    {
        _binary = binary;
        _folder = folder;
        Port = port;
    }

    public int Port { get; }

    public int? Pid => _process is { HasExited: false } p ? p.Pid : null;

    public int Restarts { get; private set; }

    public static async Task<MosquittoBroker> StartAsync(string binary)
    {
        if (!File.Exists(binary))
        {
            throw new FileNotFoundException($"mosquitto not found at {binary}: apt-get install -y mosquitto (or pass --mosquitto PATH)", binary);
        }

        var folder = PerfPaths.NewTempFolder("sc-perf-mosquitto-");
        var port = FreePort.Next();
        await File.WriteAllTextAsync(Path.Combine(folder, "mosquitto.conf"), string.Join('\n', [
            $"listener {port.ToString(CultureInfo.InvariantCulture)} 127.0.0.1",
            "allow_anonymous true",
            // Started as root, mosquitto would drop to user 'mosquitto', which cannot write the temp folder.
            $"user {Environment.UserName}",
            "persistence true",
            $"persistence_location {folder}/",
            "max_queued_messages 1000000",
            "max_inflight_messages 0",
            "log_dest stdout",
            "log_type error",
            "log_type warning",
            ""]));
        var broker = new MosquittoBroker(binary, folder, port);
        await broker.StartAgainAsync();
        return broker;
    }

    /// <summary>Starts it (again) on the same port and waits until it accepts connections.</summary>
    public async Task StartAgainAsync()
    {
        if (_process is { HasExited: false })
        {
            return;
        }

        if (_process is not null)
        {
            await _process.DisposeAsync();
        }

        _process = ChildProcess.Start("mosquitto", _binary, ["-c", Path.Combine(_folder, "mosquitto.conf")], _folder);
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(15))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"mosquitto exited on port {Port}: {_process.Output}");
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

        throw new TimeoutException($"mosquitto did not listen on port {Port} within 15 s: {_process.Output}");
    }

    /// <summary>Stops it like a service stop (SIGTERM; it saves its sessions).</summary>
    public async Task StopAsync()
    {
        if (_process is not null)
        {
            await _process.StopAsync(TimeSpan.FromSeconds(10));
        }
    }

    public async Task RestartAsync(TimeSpan down)
    {
        await StopAsync();
        await Task.Delay(down);
        await StartAgainAsync();
        Restarts++;
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
        {
            await _process.DisposeAsync();
        }

        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
