using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace SmartCustoms.Simulators.Http;

/// <summary>
/// A bare Kestrel server for a simulated HTTP device (camera, control API): no configuration sources
/// (so the gateway's appsettings/ASPNETCORE_URLS cannot move it), no console lifetime (the owner stops
/// it), one request delegate. Thread-safe.
/// </summary>
public sealed class SimulatorHttpServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private SimulatorHttpServer(WebApplication app, IPEndPoint endpoint)
    {
        _app = app;
        Endpoint = endpoint;
    }

    public IPEndPoint Endpoint { get; }

    /// <summary>Listens on <paramref name="bind"/>:<paramref name="port"/> (0 = a free port) and serves every request with <paramref name="handler"/>.</summary>
    public static async Task<SimulatorHttpServer> StartAsync(IPAddress bind, int port, RequestDelegate handler, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(bind);
        ArgumentNullException.ThrowIfNull(handler);
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k =>
        {
            k.Listen(bind, port);
            k.AddServerHeader = false;
        });
        builder.Services.AddSingleton<IHostLifetime, OwnerControlledLifetime>();
        var app = builder.Build();
        app.Run(handler);
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        var uri = new Uri(addresses.First());
        return new SimulatorHttpServer(app, new IPEndPoint(bind, uri.Port));
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        try
        {
            await _app.StopAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            // Streams that did not end in time are aborted by the dispose below.
        }

        await _app.DisposeAsync();
    }

    /// <summary>The host is started and stopped by its owner only: no Ctrl+C hook of its own.</summary>
    private sealed class OwnerControlledLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
