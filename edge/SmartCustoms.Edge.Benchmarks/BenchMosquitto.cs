using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace SmartCustoms.Edge.Benchmarks;

/// <summary>A throw-away mosquitto on a free loopback port with its own config and persistence folder.</summary>
internal sealed class BenchMosquitto : IAsyncDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "sc-bench-mq-" + Guid.NewGuid().ToString("N")[..8]);
    private Process? _process;

    public int Port { get; } = FreePort();

    public async Task StartAsync()
    {
        var binary = Environment.GetEnvironmentVariable("MOSQUITTO") ?? "/usr/sbin/mosquitto";
        if (!File.Exists(binary))
        {
            throw new InvalidOperationException($"mosquitto not found at {binary}: apt-get install -y mosquitto (or set MOSQUITTO)");
        }

        Directory.CreateDirectory(_folder);
        var config = Path.Combine(_folder, "mosquitto.conf");
        await File.WriteAllTextAsync(config, string.Join('\n', [
            $"listener {Port.ToString(CultureInfo.InvariantCulture)} 127.0.0.1",
            "allow_anonymous true",
            $"user {Environment.UserName}",
            "persistence true",
            $"persistence_location {_folder}/",
            "max_queued_messages 1000000",
            "max_inflight_messages 0",
            "log_dest none",
            ""]));
        _process = Process.Start(new ProcessStartInfo(binary, ["-c", config]) { UseShellExecute = false })
                   ?? throw new InvalidOperationException("mosquitto did not start");
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(15))
        {
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

        throw new TimeoutException($"mosquitto did not listen on {Port} within 15 s");
    }

    /// <summary>Kills it (an outage as abrupt as a crash or a cut link) and waits for the exit.</summary>
    public async Task StopAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await process.WaitForExitAsync(timeout.Token);
        }

        _process?.Dispose();
        _process = null;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
