using System.Diagnostics;
using SmartCustoms.Edge.IntegrationTests.Infrastructure;

namespace SmartCustoms.Edge.IntegrationTests.Deployment;

/// <summary>
/// Runs deploy/check.sh: the real systemd-analyze on the unit, a real mosquitto with the site broker's TLS and
/// per-lane ACL, the container broker config and the compose file. Each check prints "ok:" or "FAIL: reason".
/// </summary>
public sealed class DeploymentFilesTests
{
    [Theory]
    [InlineData("unit")]
    [InlineData("acl")]
    [InlineData("mosquitto")]
    [InlineData("compose")]
    [InlineData("scripts")]
    public async Task Check_passes(string check)
    {
        var (exitCode, output) = await RunAsync(Path.Combine(RepositoryPaths.Root, "deploy", "check.sh"), check);

        Assert.True(exitCode == 0, $"deploy/check.sh {check} exited {exitCode}:{Environment.NewLine}{output}");
        Assert.Contains("ok: ", output, StringComparison.Ordinal);
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string script, string argument)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(script);
        start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("bash did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{script} {argument} did not finish in 60 s");
        }

        return (process.ExitCode, await stdout + await stderr);
    }
}
