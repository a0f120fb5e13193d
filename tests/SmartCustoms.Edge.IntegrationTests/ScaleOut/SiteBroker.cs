using System.Diagnostics;
using SmartCustoms.Edge.IntegrationTests.Infrastructure;

namespace SmartCustoms.Edge.IntegrationTests.ScaleOut;

/// <summary>
/// One mosquitto for a whole site, as deploy/mosquitto/single-box sets it up, with the shipped ACL file
/// (site id replaced) and a password file in place of client certificates: the username is the lane id, as
/// the certificate CN is in production, so the ACL's <c>%u</c> patterns apply unchanged.
/// </summary>
public sealed class SiteBroker : IAsyncDisposable
{
    public const string Password = "scale-out-test";
    public const string Central = "central-ingest";

    private SiteBroker(MosquittoFixture broker, string site)
    {
        Broker = broker;
        Site = site;
    }

    public MosquittoFixture Broker { get; }

    public string Site { get; }

    public static string ShippedAclPath => Path.Combine(RepositoryPaths.Root, "deploy", "mosquitto", "single-box", "smartcustoms.acl");

    public static async Task<SiteBroker> StartAsync(string site, IEnumerable<string> lanes)
    {
        var broker = new MosquittoFixture { AllowAnonymous = false };
        Directory.CreateDirectory(broker.Folder);
        var acl = Path.Combine(broker.Folder, "smartcustoms.acl");
        var shipped = await File.ReadAllTextAsync(ShippedAclPath);
        Assert.Contains("sc/v1/porta/%u/event/#", shipped, StringComparison.Ordinal);
        await File.WriteAllTextAsync(acl, shipped.Replace("sc/v1/porta/", $"sc/v1/{site}/", StringComparison.Ordinal));

        var passwords = Path.Combine(broker.Folder, "passwords");
        await File.WriteAllTextAsync(passwords, "");
        foreach (var user in lanes.Append(Central))
        {
            await RunAsync("mosquitto_passwd", "-b", passwords, user, Password);
        }

        broker.ListenerSettings.Add("password_file " + passwords);
        broker.ListenerSettings.Add("acl_file " + acl);
        await broker.InitializeAsync();
        return new SiteBroker(broker, site);
    }

    public ValueTask DisposeAsync() => new(Broker.DisposeAsync());

    private static async Task RunAsync(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException(file + " did not start");
        var stderr = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await process.WaitForExitAsync(deadline.Token);
        Assert.True(process.ExitCode == 0, $"{file} {string.Join(' ', args)}: {await stderr}");
    }
}
