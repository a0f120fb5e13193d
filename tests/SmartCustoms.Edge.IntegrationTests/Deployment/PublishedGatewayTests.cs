using System.Diagnostics;
using System.Globalization;
using SmartCustoms.Edge.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace SmartCustoms.Edge.IntegrationTests.Deployment;

/// <summary>
/// The acceptance of the self-contained builds: linux-x64 starts from its own folder as an unprivileged user
/// (no .NET installed for that user, no write access to the folder) and serves /healthz and /metrics; the
/// linux-arm64 build is complete. One publish per runtime, shared by the tests (see the fixture).
/// </summary>
public sealed class PublishedGatewayTests(PublishedGatewayFixture publish, ITestOutputHelper output) : IClassFixture<PublishedGatewayFixture>
{
    private const string User = "nobody";

    [Fact]
    public async Task Linux_x64_build_starts_as_an_unprivileged_user_and_serves_healthz_and_metrics()
    {
        AssertPublished(PublishedGatewayFixture.X64);
        var folder = publish.Folder(PublishedGatewayFixture.X64);
        // The service's data folder: writable by the service user only, as install.sh sets it up.
        var data = Path.Combine(publish.Root, "data-x64");
        Directory.CreateDirectory(data);
        await RunAsync("chown", User, data);

        var start = new ProcessStartInfo("runuser") { WorkingDirectory = data, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in (string[])["-u", User, "--", Path.Combine(folder, "SmartCustoms.Edge"), .. SimulatedGatewayArguments.Create("clean", MosquittoFixture.FreePort(), embeddedBroker: true)])
        {
            start.ArgumentList.Add(arg);
        }

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("runuser did not start");
        var lines = new System.Collections.Concurrent.ConcurrentQueue<string>();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lines.Enqueue(e.Data); } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lines.Enqueue(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var address = await WaitForAddressAsync(process, lines, TimeSpan.FromSeconds(90));
            var running = clock.Elapsed;
            using var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
            var healthz = await http.GetAsync(new Uri("healthz", UriKind.Relative));
            var ready = clock.Elapsed;
            Assert.True(healthz.IsSuccessStatusCode, "/healthz: " + healthz.StatusCode);
            Assert.Contains("alive", await healthz.Content.ReadAsStringAsync(), StringComparison.Ordinal);

            var metrics = await http.GetStringAsync(new Uri("metrics", UriKind.Relative));
            Assert.Contains("sc_device_health{", metrics, StringComparison.Ordinal);
            Assert.Contains("target_info{", metrics, StringComparison.Ordinal);

            // It really runs as the unprivileged user (runuser is its parent).
            var gatewayPid = ChildOf(process.Id);
            var uid = File.ReadAllLines($"/proc/{gatewayPid}/status").Single(l => l.StartsWith("Uid:", StringComparison.Ordinal));
            Assert.Equal(await IdAsync(User), uid.Split('\t', StringSplitOptions.RemoveEmptyEntries)[1]);
            Assert.True(Directory.Exists(Path.Combine(data, "data")), "the store was not created in the working folder");

            output.WriteLine($"publish of {PublishedGatewayFixture.X64} + {PublishedGatewayFixture.Arm64}: {publish.Elapsed.TotalSeconds:F0} s");
            output.WriteLine($"linux-x64 start as {User}: 'running' line after {running.TotalSeconds:F1} s, /healthz answered after {ready.TotalSeconds:F1} s");

            // SIGTERM as systemd stops it: a clean exit.
            await RunAsync("kill", "-TERM", gatewayPid.ToString(CultureInfo.InvariantCulture));
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await process.WaitForExitAsync(stop.Token);
            Assert.True(process.ExitCode == 0, "exit code " + process.ExitCode + ": " + string.Join('\n', lines));
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    [Fact]
    public void Linux_arm64_build_is_complete()
    {
        AssertPublished(PublishedGatewayFixture.Arm64);
        var folder = publish.Folder(PublishedGatewayFixture.Arm64);

        // ELF header: e_machine (offset 18, little-endian) 0xB7 = AArch64.
        var header = File.ReadAllBytes(Path.Combine(folder, "SmartCustoms.Edge"))[..20];
        Assert.Equal("\u007fELF"u8.ToArray(), header[..4]);
        Assert.Equal(0xB7, header[18] | (header[19] << 8));
        var onnx = File.ReadAllBytes(Path.Combine(folder, "libonnxruntime.so"))[..20];
        Assert.Equal(0xB7, onnx[18] | (onnx[19] << 8));
        Assert.True(File.Exists(Path.Combine(folder, "models", "onnx", "spectral-classifier.onnx")));
        Assert.True(File.Exists(Path.Combine(folder, "libcoreclr.so")), "not self-contained: no libcoreclr.so");
    }

    private void AssertPublished(string rid)
    {
        output.WriteLine(publish.Output);
        Assert.True(publish.ExitCode == 0, $"deploy/publish.sh exited {publish.ExitCode}:\n{publish.Output}");
        Assert.Contains("== publishing " + rid, publish.Output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(publish.Folder(rid), "SmartCustoms.Edge")), rid + ": no executable");
    }

    private static async Task<Uri> WaitForAddressAsync(Process process, System.Collections.Concurrent.ConcurrentQueue<string> lines, TimeSpan within)
    {
        const string marker = "UI and HTTP API: ";
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < within && !process.HasExited)
        {
            var line = lines.FirstOrDefault(l => l.Contains(marker, StringComparison.Ordinal));
            if (line is not null)
            {
                var from = line.IndexOf(marker, StringComparison.Ordinal) + marker.Length;
                var to = line.IndexOf(' ', from);
                return new Uri((to < 0 ? line[from..] : line[from..to]).TrimEnd('/') + "/");
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"the published gateway did not report its address within {within} (exited: {process.HasExited}):\n" + string.Join('\n', lines));
    }

    private static int ChildOf(int pid)
    {
        var children = File.ReadAllText($"/proc/{pid}/task/{pid}/children").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return int.Parse(Assert.Single(children), CultureInfo.InvariantCulture);
    }

    private static async Task<string> IdAsync(string user) => (await RunAsync("id", "-u", user)).Trim();

    private static async Task<string> RunAsync(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException(file + " did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await process.WaitForExitAsync(deadline.Token);
        Assert.True(process.ExitCode == 0, $"{file} {string.Join(' ', args)}: {await stderr}");
        return await stdout;
    }
}
