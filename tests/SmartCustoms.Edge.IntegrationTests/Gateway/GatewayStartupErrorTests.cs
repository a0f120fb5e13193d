using System.Net;
using System.Net.Sockets;
using SmartCustoms.Edge.IntegrationTests.Infrastructure;

namespace SmartCustoms.Edge.IntegrationTests.Gateway;

/// <summary>
/// A bad setting stops the gateway at once, with exit code 2 and one line that names the problem; a port already
/// in use stops it with one line too, and exit code 1 so that systemd tries again.
/// </summary>
public sealed class GatewayStartupErrorTests
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_port_that_is_not_a_number_stops_the_gateway_with_one_line_naming_the_key()
    {
        await using var gateway = GatewayProcess.Start("--Mqtt:Port=abc", "--Urls=http://127.0.0.1:0");

        var exitCode = await gateway.WaitForExitAsync(Within);

        Assert.Equal(2, exitCode);
        var line = Assert.Single(gateway.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("Mqtt:Port", line, StringComparison.Ordinal);
        Assert.Contains("abc", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_model_file_stops_the_gateway_with_one_line_naming_the_file()
    {
        var missing = Path.Combine(Path.GetTempPath(), "no-such-model-" + Guid.NewGuid().ToString("N") + ".onnx");
        await using var gateway = GatewayProcess.Start("--Models:SpectralModelPath=" + missing, "--Urls=http://127.0.0.1:0");

        var exitCode = await gateway.WaitForExitAsync(Within);

        Assert.Equal(2, exitCode);
        var line = Assert.Single(gateway.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("Models:SpectralModelPath", line, StringComparison.Ordinal);
        Assert.Contains(missing, line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invalid_range_is_reported_with_the_key_and_the_rule()
    {
        await using var gateway = GatewayProcess.Start("--Devices:Nir:Port=0", "--Urls=http://127.0.0.1:0");

        var exitCode = await gateway.WaitForExitAsync(Within);

        Assert.Equal(2, exitCode);
        var line = Assert.Single(gateway.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("Devices:Nir:Port", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_http_port_already_in_use_stops_the_gateway_with_one_line_and_no_stack_trace()
    {
        using var holder = new TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        var url = $"http://127.0.0.1:{((IPEndPoint)holder.LocalEndpoint).Port}";
        await using var gateway = GatewayProcess.Start("--Urls=" + url, "--Mqtt:Port=1");

        var exitCode = await gateway.WaitForExitAsync(Within);

        // 1, not 2: systemd restarts it (a previous instance may still hold the port), unlike a bad setting.
        Assert.Equal(1, exitCode);
        var line = Assert.Single(gateway.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(url, line, StringComparison.Ordinal);
        Assert.Contains("already in use", line, StringComparison.Ordinal);
        Assert.DoesNotContain("\n   at ", gateway.StandardOutput, StringComparison.Ordinal);
    }
}
