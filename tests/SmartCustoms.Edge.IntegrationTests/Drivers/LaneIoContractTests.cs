using System.Device.Gpio;
using System.Diagnostics;
using SmartCustoms.Drivers.Abstractions.Health;
using SmartCustoms.Drivers.Abstractions.LaneIo;
using SmartCustoms.Drivers.LaneIo.Gpio;
using SmartCustoms.Drivers.LaneIo.Options;
using SmartCustoms.Simulators.Faults;
using SmartCustoms.Simulators.Gpio;
using SmartCustoms.Simulators.World;

namespace SmartCustoms.Edge.IntegrationTests.Drivers;

/// <summary>
/// The lane I/O driver against the lane simulator's GPIO (<see cref="SimulatedLaneGpioDriver"/>, wired to the
/// simulated world) through a real <see cref="GpioController"/>, with the pin map and wiring configured as for
/// a board: belt running and belt speed from the world, the e-stop circuit, the stack light outputs, and the
/// simulator's <c>laneio</c> disconnect fault (down within 3 s, up within 5 s of its end).
/// </summary>
public sealed class LaneIoContractTests(SimulatedLaneContractFixture fixture) : IClassFixture<SimulatedLaneContractFixture>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Lane_io_reads_the_simulated_belt_and_e_stop_and_drives_the_stack_light()
    {
        var pins = new LaneGpioPins();
        var gpio = fixture.Lane.CreateGpioDriver(pins);
        var options = new LaneIoOptions
        {
            Enabled = true,
            Pins = new LaneIoPinMap
            {
                BeltRunning = pins.BeltRunning,
                EStop = pins.EmergencyStopOk,
                EncoderA = pins.Encoder,
                StackGreen = pins.StackGreen,
                StackAmber = pins.StackAmber,
                StackRed = pins.StackRed,
                Horn = pins.Horn,
            },
            // The simulated e-stop circuit is "OK" high (a released e-stop closes it): active low.
            ActiveLow = new LaneIoActiveLow { EStop = true },
            EncoderPulsesPerMetre = pins.EncoderPulsesPerMetre,
            SpeedWindow = TimeSpan.FromSeconds(1),
        };
        await using var laneIo = new GpioLaneIo(options, () => new GpioController(gpio), openClimate: null, TimeProvider.System);
        using var stop = new CancellationTokenSource();
        var running = laneIo.RunAsync(stop.Token);
        try
        {
            await WaitAsync(() => laneIo.Health.State == DeviceHealthState.Up && laneIo.Inputs.BeltRunning && !laneIo.Inputs.EStopActive,
                () => $"{laneIo.Health}, {laneIo.Inputs}");

            // Belt speed from encoder pulses matches the world's belt (5 m/s nominal in the clean scenario).
            await WaitAsync(() =>
            {
                var expected = fixture.Lane.World.Profile.SpeedAt(fixture.Lane.Clock.ElapsedSeconds);
                return Math.Abs(laneIo.ReadEncoder().BeltSpeedMetresPerSecond - expected) <= 0.1 * expected;
            }, () => $"encoder {laneIo.ReadEncoder()}, world {fixture.Lane.World.Profile.SpeedAt(fixture.Lane.Clock.ElapsedSeconds):0.00} m/s");

            gpio.PressEmergencyStop(true);
            await WaitAsync(() => laneIo.Inputs.EStopActive && !laneIo.Inputs.EStopFailSafe, () => laneIo.Inputs.ToString());
            gpio.PressEmergencyStop(false);
            await WaitAsync(() => !laneIo.Inputs.EStopActive, () => laneIo.Inputs.ToString());

            laneIo.SetStackLight(new StackLightOutputs(Green: false, Amber: true, Red: true, Horn: false));
            Assert.Equal(PinValue.Low, gpio.OutputState(pins.StackGreen));
            Assert.Equal(PinValue.High, gpio.OutputState(pins.StackAmber));
            Assert.Equal(PinValue.High, gpio.OutputState(pins.StackRed));
            Assert.Equal(PinValue.Low, gpio.OutputState(pins.Horn));
            Assert.Equal(DeviceHealthState.Up, laneIo.Health.State);

            // The simulator's laneio disconnect fault (the I/O board stops answering): down within 3 s, e-stop
            // fail-safe active meanwhile, up again within 5 s of the fault ending.
            var fault = TimeSpan.FromSeconds(2);
            fixture.Lane.Faults("laneio").Inject(DeviceFaultKind.Disconnect, fault);
            var injected = Stopwatch.StartNew();
            await WaitAsync(() => laneIo.Health.State == DeviceHealthState.Down, () => laneIo.Health.ToString());
            Assert.True(injected.Elapsed < TimeSpan.FromSeconds(3), $"down after {injected.Elapsed.TotalSeconds:0.00} s");
            Assert.True(laneIo.Inputs.EStopActive, "the e-stop must read active (fail-safe) while the board does not answer");
            Assert.Contains("does not answer", laneIo.Health.Reason, StringComparison.Ordinal);
            await WaitAsync(() => injected.Elapsed >= fault && laneIo.Health.State == DeviceHealthState.Up && !laneIo.Inputs.EStopActive,
                () => $"{laneIo.Health}, {laneIo.Inputs}");
            Assert.True(injected.Elapsed < fault + TimeSpan.FromSeconds(5), $"up {(injected.Elapsed - fault).TotalSeconds:0.00} s after the fault ended");
        }
        finally
        {
            await stop.CancelAsync();
            await running;
        }
    }

    private static async Task WaitAsync(Func<bool> condition, Func<string> describe)
    {
        using var timeout = new CancellationTokenSource(Deadline);
        while (!condition())
        {
            if (timeout.IsCancellationRequested)
            {
                Assert.Fail($"not reached within {Deadline}: {describe()}");
            }

            await Task.Delay(20, CancellationToken.None);
        }
    }
}
