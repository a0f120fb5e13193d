using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SmartCustoms.Drivers.Abstractions.Health;
using SmartCustoms.Drivers.Abstractions.LaneIo;
using SmartCustoms.Drivers.LaneIo.Simulation;
using SmartCustoms.Drivers.LaneIo.Tests.Support;

namespace SmartCustoms.Drivers.LaneIo.Tests.Hosting;

/// <summary>The whole registration in a real host, on real time, with the simulated board.</summary>
public class LaneIoHostTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private static IHost Build(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddLaneIo();
        return builder.Build();
    }

    private static Dictionary<string, string?> Simulated() => new()
    {
        ["Devices:LaneIo:Enabled"] = "true",
        ["Devices:LaneIo:Board"] = "simulated",
        ["Devices:LaneIo:Pins:BeltRunning"] = "5",
        ["Devices:LaneIo:Pins:EStop"] = "6",
        ["Devices:LaneIo:Pins:EncoderA"] = "13",
        ["Devices:LaneIo:Pins:StackGreen"] = "17",
        ["Devices:LaneIo:Pins:StackRed"] = "22",
        ["Devices:LaneIo:ActiveLow:BeltRunning"] = "true",
        ["Devices:LaneIo:ActiveLow:EncoderA"] = "true",
        ["Devices:LaneIo:Simulation:BeltRunning"] = "true",
        ["Devices:LaneIo:Simulation:BeltSpeedMetresPerSecond"] = "4",
    };

    [Fact]
    public async Task Invalid_settings_stop_the_host_at_start_with_the_key_named()
    {
        var settings = Simulated();
        settings["Devices:LaneIo:Pins:StackRed"] = "17";
        using var host = Build(settings);

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.Contains("Devices:LaneIo:Pins:StackRed uses pin 17, already used by Devices:LaneIo:Pins:StackGreen", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_simulated_lane_drives_the_inputs_and_the_encoder_through_the_registered_lane_io()
    {
        using var host = Build(Simulated());
        await host.StartAsync();
        try
        {
            var laneIo = host.Services.GetRequiredService<ILaneIo>();
            var lane = host.Services.GetRequiredService<SimulatedLaneSignals>();

            await Deadline.WaitUntil(() => laneIo.Health.State == DeviceHealthState.Up, Timeout, "lane I/O up");
            await Deadline.WaitUntil(() => laneIo.Inputs is { BeltRunning: true, EStopActive: false }, Timeout, "belt running, e-stop released");

            var eStop = new TaskCompletionSource<LaneInputChange>(TaskCreationOptions.RunContinuationsAsynchronously);
            laneIo.InputChanged += (_, change) =>
            {
                if (change is { Input: LaneInput.EStop, Active: true })
                {
                    eStop.TrySetResult(change);
                }
            };
            lane.SetEStop(true);
            var change = await eStop.Task.WaitAsync(Timeout);
            Assert.True(change.Active);
            Assert.False(change.FailSafe);

            // On real time the exact speed depends on the machine's scheduling (it is proved with fake time in
            // SimulatedLaneSignalsTests); here every pulse played on the simulated wire must reach the counter.
            await Deadline.WaitUntil(() => laneIo.ReadEncoder().PulseCount >= 400, Timeout, "a second of encoder pulses");
            Assert.True(laneIo.ReadEncoder().BeltSpeedMetresPerSecond > 0);

            lane.SetBeltRunning(false);
            await Deadline.WaitUntil(() => !laneIo.Inputs.BeltRunning, Timeout, "belt stopped");
            await Deadline.WaitUntil(() => laneIo.ReadEncoder().BeltSpeedMetresPerSecond == 0, Timeout, "speed back to 0");
            Assert.Equal(lane.PulsesEmitted, laneIo.ReadEncoder().PulseCount);

            laneIo.SetStackLight(new StackLightOutputs(false, false, true, false));
            Assert.Equal(System.Device.Gpio.PinValue.High, host.Services.GetRequiredService<SimulatedGpioDriver>().OutputLevel(22));
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [Fact]
    public async Task A_hardware_board_that_is_not_there_leaves_the_host_running_with_the_lane_io_down()
    {
        var settings = Simulated();
        // No machine has gpiochip999: with or without libgpiod installed, opening it fails.
        settings["Devices:LaneIo:Board"] = "gpiochip";
        settings["Devices:LaneIo:Chip"] = "999";
        using var host = Build(settings);
        await host.StartAsync();
        try
        {
            var laneIo = host.Services.GetRequiredService<ILaneIo>();
            await Deadline.WaitUntil(() => laneIo.Health.Reason.StartsWith("GPIO driver 'gpiochip' could not be opened", StringComparison.Ordinal), Timeout, "driver failure reported");
            Assert.Equal(DeviceHealthState.Down, laneIo.Health.State);
            Assert.True(laneIo.Inputs.EStopActive);
        }
        finally
        {
            await host.StopAsync();
        }
    }
}
