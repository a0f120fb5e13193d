using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SmartCustoms.Drivers.LaneIo.Gpio;
using SmartCustoms.Drivers.LaneIo.Options;
using SmartCustoms.Drivers.LaneIo.Simulation;

namespace SmartCustoms.Drivers.LaneIo;

/// <summary>Runs the lane I/O (and, on the simulated board, the simulated field signals) for the host's lifetime.</summary>
internal sealed class LaneIoWorker(GpioLaneIo laneIo, IOptions<LaneIoOptions> options, IServiceProvider services) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var run = laneIo.RunAsync(stoppingToken);
        if (options.Value.Enabled && options.Value.Board == LaneIoBoard.Simulated &&
            services.GetService(typeof(SimulatedLaneSignals)) is SimulatedLaneSignals signals)
        {
            return Task.WhenAll(run, signals.RunAsync(stoppingToken));
        }

        return run;
    }
}
