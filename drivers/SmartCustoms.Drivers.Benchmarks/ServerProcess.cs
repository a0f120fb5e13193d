using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace SmartCustoms.Drivers.Benchmarks;

/// <summary>
/// The simulators in a child process (this program with <c>serve</c>), so the parent's CPU time is the drivers'
/// alone. The child prints one <c>READY …</c> line with its free ports and stops when its stdin closes.
/// </summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;

    private ServerProcess(Process process, IPEndPoint nir, IPEndPoint scale, Uri camera)
    {
        _process = process;
        Nir = nir;
        Scale = scale;
        Camera = camera;
    }

    public IPEndPoint Nir { get; }

    public IPEndPoint Scale { get; }

    public Uri Camera { get; }

    public static async Task<ServerProcess> StartAsync(int nirRateHz)
    {
        var self = Environment.ProcessPath ?? throw new InvalidOperationException("cannot find this program's path to start the simulators");
        var start = new ProcessStartInfo(self)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            start.ArgumentList.Add(typeof(ServerProcess).Assembly.Location);
        }

        start.ArgumentList.Add("serve");
        start.ArgumentList.Add("--nir-rate");
        start.ArgumentList.Add(nirRateHz.ToString(CultureInfo.InvariantCulture));
        var process = Process.Start(start) ?? throw new InvalidOperationException("the simulator process did not start");
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                if (!line.StartsWith("READY ", StringComparison.Ordinal))
                {
                    continue;
                }

                var fields = line[6..].Split(' ').Select(f => f.Split('=', 2)).ToDictionary(f => f[0], f => f[1], StringComparer.Ordinal);
                return new ServerProcess(
                    process,
                    new IPEndPoint(IPAddress.Loopback, int.Parse(fields["nir"], CultureInfo.InvariantCulture)),
                    new IPEndPoint(IPAddress.Loopback, int.Parse(fields["scale"], CultureInfo.InvariantCulture)),
                    new Uri(fields["camera"]));
            }

            throw new InvalidOperationException($"the simulator process ended before it was ready (exit code {(process.HasExited ? process.ExitCode : -1)})");
        }
        catch
        {
            await StopAsync(process);
            process.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(_process);
        _process.Dispose();
    }

    private static async Task StopAsync(Process process)
    {
        if (process.HasExited)
        {
            return;
        }

        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
        }
    }
}
