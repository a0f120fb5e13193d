using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SmartCustoms.Edge.Core;
using SmartCustoms.Edge.Core.Hosting;
using SmartCustoms.Edge.Messaging;
using SmartCustoms.Edge.Storage;
using SmartCustoms.Edge.Ui.Hosting;

namespace SmartCustoms.Edge.EndToEndTests;

/// <summary>
/// A minimal gateway for the browser tests: Kestrel on 127.0.0.1 port 0, the real lane core, a real LiteDB
/// store in a temporary folder, the operator UI exactly as the host maps it, and <see cref="TestCommandHandler"/>.
/// </summary>
internal sealed class TestGateway : IAsyncDisposable
{
    public const string OperatorPin = "1234";
    public const string SupervisorPin = "2468";
    public const string TechnicianPin = "1357";

    private readonly WebApplication _app;
    private readonly string _dataPath;

    private TestGateway(WebApplication app, string dataPath, string url)
    {
        _app = app;
        _dataPath = dataPath;
        Url = url;
    }

    public string Url { get; }

    public LaneCore Core => _app.Services.GetRequiredService<LaneCore>();

    public TestCommandHandler Commands => _app.Services.GetRequiredService<TestCommandHandler>();

    public TestLaneFeeder Feeder => _app.Services.GetRequiredService<TestLaneFeeder>();

    public static async Task<TestGateway> StartAsync(IDictionary<string, string?>? settings = null)
    {
        var dataPath = Path.Combine(Path.GetTempPath(), "sc-ui-e2e-" + Guid.NewGuid().ToString("N"));
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:Path"] = dataPath,
            ["Storage:Site"] = "test-site",
            ["Storage:Lane"] = "lane-1",
            ["Ui:Users:0:Name"] = "op1",
            ["Ui:Users:0:Pin"] = OperatorPin,
            ["Ui:Users:0:Role"] = "operator",
            ["Ui:Users:1:Name"] = "sup1",
            ["Ui:Users:1:Pin"] = SupervisorPin,
            ["Ui:Users:1:Role"] = "supervisor",
            ["Ui:Users:2:Name"] = "tech1",
            ["Ui:Users:2:Pin"] = TechnicianPin,
            ["Ui:Users:2:Role"] = "technician",
        });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        builder.Services.AddLaneCore();
        builder.Services.AddEdgeStorage();
        builder.Services.AddOperatorUi();
        builder.Services.AddSingleton<TestCommandHandler>();
        builder.Services.AddSingleton<ICommandHandler>(sp => sp.GetRequiredService<TestCommandHandler>());
        builder.Services.AddSingleton<TestLaneFeeder>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<TestLaneFeeder>());
        var app = builder.Build();
        app.MapOperatorUi();
        try
        {
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            if (Directory.Exists(dataPath))
            {
                Directory.Delete(dataPath, recursive: true);
            }

            throw;
        }

        var url = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new TestGateway(app, dataPath, url);
    }

    public async ValueTask DisposeAsync()
    {
        using (var stop = new CancellationTokenSource(TimeSpan.FromSeconds(10)))
        {
            await _app.StopAsync(stop.Token);
        }

        await _app.DisposeAsync();
        try
        {
            Directory.Delete(_dataPath, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
