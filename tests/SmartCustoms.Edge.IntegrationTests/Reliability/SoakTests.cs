using System.Diagnostics;
using System.Text.Json;
using SmartCustoms.Edge.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace SmartCustoms.Edge.IntegrationTests.Reliability;

/// <summary>
/// Issue 10, CI version of the fault soak: <c>perf soak --seconds 90</c> (perf/SmartCustoms.Perf) runs mosquitto,
/// <c>scsim lane --scenario faults</c> and the gateway as separate processes, injects one disconnect per network
/// device, restarts mosquitto and SIGKILLs the gateway at seeded random moments, then compares every stored
/// event with a persistent subscriber. This test runs it as an operator would and asserts on its JSON report:
/// nothing lost, nothing out of order within a priority, every device recovered. SC_TEST_SOAK_SECONDS
/// (default 90) and SC_TEST_SOAK_SEED (default 7) change the run.
/// </summary>
public sealed class SoakTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _report = Path.Combine(Path.GetTempPath(), "sc-soak-" + Guid.NewGuid().ToString("N")[..8] + ".json");

    public void Dispose() => File.Delete(_report);

    [Fact]
    public async Task Faults_scenario_with_broker_restarts_and_gateway_kills_loses_nothing_and_every_device_recovers()
    {
        var seconds = TestSettings.WholeNumber("SC_TEST_SOAK_SECONDS", 90, 30);
        var seed = TestSettings.WholeNumber("SC_TEST_SOAK_SEED", 7, 0);
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        string Built(params string[] parts)
        {
            var path = Path.Combine([RepositoryPaths.Root, .. parts]);
            return File.Exists(path) ? path : throw new FileNotFoundException($"{path} not built: build the solution ({configuration}) first", path);
        }

        var perf = Built("perf", "SmartCustoms.Perf", "bin", configuration, "net10.0", "SmartCustoms.Perf.dll");
        var scsim = Built("simulators", "SmartCustoms.Simulators.Cli", "bin", configuration, "net10.0", "scsim.dll");
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        foreach (var arg in new[] { perf, "soak", "--seconds", seconds.ToString(System.Globalization.CultureInfo.InvariantCulture), "--seed", seed.ToString(System.Globalization.CultureInfo.InvariantCulture),
                     "--json", _report, "--gateway-dll", RepositoryPaths.GatewayDll, "--scsim-dll", scsim })
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        // The soak's own length plus start-up, settling (up to 2 min for devices, 2 min for delivery) and slack.
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(seconds + 360));
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"perf soak did not finish within {seconds + 360} s:\n{await stdout}\n{await stderr}");
        }

        var text = await stdout + "\n" + await stderr;
        output.WriteLine(text);
        Assert.True(File.Exists(_report), $"perf soak wrote no report (exit code {process.ExitCode}):\n{text}");
        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(_report));
        var root = report.RootElement;

        // The disturbances happened (else a pass proves nothing).
        Assert.True(root.GetProperty("gatewayKills").GetInt32() >= 2, "fewer than 2 gateway SIGKILLs:\n" + text);
        Assert.True(root.GetProperty("brokerRestarts").GetInt32() >= 1, "no broker restart:\n" + text);
        Assert.True(root.GetProperty("stored").GetInt32() > 0, "nothing stored:\n" + text);

        Assert.Equal(0, root.GetProperty("lost").GetInt32());
        Assert.Equal(0, root.GetProperty("alteredDuplicates").GetInt32());
        Assert.Equal(0, root.GetProperty("mismatches").GetInt32());
        Assert.Equal(0, root.GetProperty("storeGaps").GetInt32());
        foreach (var priority in root.GetProperty("outOfOrderByPriority").EnumerateObject())
        {
            Assert.True(priority.Value.GetInt32() == 0, $"{priority.Value.GetInt32()} events out of order within priority {priority.Name}:\n{text}");
        }

        var devices = root.GetProperty("devices").EnumerateArray().ToList();
        foreach (var device in new[] { "nir", "camera", "sampler", "scale", "radiation" })
        {
            Assert.Contains(devices, d => d.GetProperty("device").GetString() == device);
        }

        foreach (var device in devices)
        {
            Assert.True(device.GetProperty("recovered").GetBoolean(), $"device {device.GetProperty("device").GetString()} did not recover: {device}\n{text}");
        }

        Assert.True(devices.Sum(d => d.GetProperty("downs").GetInt32()) >= 5, "the injected faults took fewer than 5 devices down:\n" + text);
        Assert.True(root.GetProperty("passed").GetBoolean(), text);
        Assert.Equal(0, process.ExitCode);
    }
}
