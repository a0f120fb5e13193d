using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SmartCustoms.Simulators.Hosting;

/// <summary>
/// Runs a <see cref="SimulatedLane"/> for the lifetime of a host (the gateway's <c>--simulate</c> mode).
/// <see cref="Lane"/> is available once the host has started. Thread-safe.
/// </summary>
public sealed class SimulatedLaneService : IHostedService, IAsyncDisposable
{
    private readonly SimulatedLaneOptions _options;
    private readonly ILoggerFactory _loggerFactory;
    private readonly TimeProvider _timeProvider;
    private volatile SimulatedLane? _lane;

    public SimulatedLaneService(IOptions<SimulatedLaneOptions> options, ILoggerFactory loggerFactory, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _loggerFactory = loggerFactory;
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>The running lane (world, endpoints, fault injectors); null before start and after stop.</summary>
    public SimulatedLane? Lane => _lane;

    public async Task StartAsync(CancellationToken cancellationToken) =>
        _lane = await SimulatedLane.StartAsync(_options, _loggerFactory, cancellationToken, _timeProvider);

    public async Task StopAsync(CancellationToken cancellationToken) => await DisposeAsync();

    public async ValueTask DisposeAsync()
    {
        var lane = Interlocked.Exchange(ref _lane, null);
        if (lane is not null)
        {
            await lane.DisposeAsync();
        }
    }
}
