using System.Diagnostics;
using SmartCustoms.Edge.IntegrationTests.Infrastructure;

namespace SmartCustoms.Edge.IntegrationTests.Deployment;

/// <summary>
/// Runs deploy/publish.sh once for linux-x64 and linux-arm64 (self-contained, Release) into a temp folder that
/// every test of <see cref="PublishedGatewayTests"/> shares. Publishing is the slow part (minutes on 2 cores).
/// </summary>
public sealed class PublishedGatewayFixture : IAsyncLifetime
{
    public const string X64 = "linux-x64";
    public const string Arm64 = "linux-arm64";

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "sc-publish-" + Guid.NewGuid().ToString("N")[..8]);

    public string Output { get; private set; } = "";

    public int ExitCode { get; private set; } = -1;

    public TimeSpan Elapsed { get; private set; }

    public string Folder(string rid) => Path.Combine(Root, rid);

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Root);
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(RepositoryPaths.Root, "deploy", "publish.sh"));
        start.ArgumentList.Add(X64);
        start.ArgumentList.Add(Arm64);
        start.Environment["SC_PUBLISH_DIR"] = Root;
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("bash did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(15));
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
        }

        Elapsed = clock.Elapsed;
        Output = await stdout + await stderr;
        ExitCode = process.HasExited ? process.ExitCode : -1;
    }

    public Task DisposeAsync()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }

        return Task.CompletedTask;
    }
}
