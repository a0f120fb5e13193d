using System.Device.Gpio;
using SmartCustoms.Simulators.Gpio;
using SmartCustoms.Simulators.World;

namespace SmartCustoms.Simulators.Tests.Gpio;

/// <summary>The simulated lane I/O behind System.Device.Gpio's real GpioController.</summary>
public sealed class SimulatedLaneGpioDriverTests : IDisposable
{
    private readonly LaneWorld _world = new(LaneScenarios.Create(LaneScenarios.Clean), seed: 1);
    private readonly LaneClock _clock = new(TimeProvider.System);
    private readonly SimulatedLaneGpioDriver _driver;
    private readonly GpioController _gpio;

    public SimulatedLaneGpioDriverTests()
    {
        _driver = new SimulatedLaneGpioDriver(_world, _clock, new LaneGpioPins { EncoderPulsesPerMetre = 20 });
        _gpio = new GpioController(_driver);
    }

    public void Dispose() => _gpio.Dispose(); // disposes the driver too

    [Fact]
    public async Task Encoder_edges_follow_belt_travel()
    {
        var pins = _driver.Pins;
        _gpio.OpenPin(pins.Encoder, PinMode.Input);
        int rising = 0;
        double start = _world.BeltTravelAt(_clock.ElapsedSeconds);
        var fortieth = new TaskCompletionSource<double>(TaskCreationOptions.RunContinuationsAsynchronously);
        // The belt's travel is read in the callback of the 40th edge, not after the test thread wakes up, so a
        // loaded machine that schedules the test late does not move the measurement.
        _gpio.RegisterCallbackForPinValueChangedEvent(pins.Encoder, PinEventTypes.Rising, (_, _) =>
        {
            if (Interlocked.Increment(ref rising) == 40)
            {
                fortieth.TrySetResult(_world.BeltTravelAt(_clock.ElapsedSeconds));
            }
        });
        var at40 = await fortieth.Task.WaitAsync(TimeSpan.FromSeconds(15));

        // 20 pulses per metre: 40 pulses ≈ 2 m of belt. The edges are raised by a polling loop, so on a loaded
        // machine the 40th callback may come late: up to 0.25 s of belt (25 pulses at 5 m/s) is allowed, still
        // far from a wrong pulse scale (×2 would read 20 or 80).
        double travelled = at40 - start;
        Assert.InRange(travelled * 20, 39, 40 + (20 * 5.0 * 0.25));
    }

    [Fact]
    public async Task Belt_running_rises_e_stop_falls_when_pressed_and_outputs_are_recorded()
    {
        var pins = _driver.Pins;
        _gpio.OpenPin(pins.BeltRunning, PinMode.Input);
        _gpio.OpenPin(pins.EmergencyStopOk, PinMode.InputPullUp);
        _gpio.OpenPin(pins.StackGreen, PinMode.Output);

        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (_gpio.Read(pins.BeltRunning) == PinValue.Low)
        {
            Assert.True(DateTime.UtcNow < deadline, "belt-running input never went high");
            await Task.Delay(10);
        }

        Assert.Equal(PinValue.High, _gpio.Read(pins.EmergencyStopOk));
        var fell = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _gpio.RegisterCallbackForPinValueChangedEvent(pins.EmergencyStopOk, PinEventTypes.Falling, (_, _) => fell.TrySetResult());
        _driver.PressEmergencyStop(true);
        await fell.Task.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(PinValue.Low, _gpio.Read(pins.EmergencyStopOk));

        _gpio.Write(pins.StackGreen, PinValue.High);
        Assert.Equal(PinValue.High, _driver.OutputState(pins.StackGreen));
        Assert.Equal(PinValue.Low, _driver.OutputState(pins.StackRed));
        Assert.Throws<InvalidOperationException>(() => _gpio.OpenPin(pins.BeltRunning, PinMode.Output));
    }
}
