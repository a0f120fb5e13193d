using System.Device.Gpio;
using SmartCustoms.Simulators.Faults;
using SmartCustoms.Simulators.World;

namespace SmartCustoms.Simulators.Gpio;

/// <summary>
/// A <see cref="GpioDriver"/> for <c>new GpioController(driver)</c> that wires the lane's discrete I/O to
/// the world: belt-running and e-stop inputs, a belt encoder (square wave, pulses per metre of belt
/// travel, with rising/falling edge events), and stack-light/horn outputs whose state the simulator
/// records. Writing an input pin or reading a pin that is not open throws, as a real driver does.
/// Edges are detected by a 2 ms poll of the world, so encoder edges above ~250 Hz are delivered late
/// but never lost (each edge is raised). The <c>laneio</c> device's <c>disconnect</c> fault makes every pin read
/// and write fail with an <see cref="IOException"/>, as a GPIO expander or I/O board that stopped answering
/// does (its edge events stop too). Thread-safe.
/// </summary>
public sealed class SimulatedLaneGpioDriver : GpioDriver
{
    private readonly LaneWorld _world;
    private readonly LaneClock _clock;
    private readonly Lock _gate = new();
    private readonly Dictionary<int, PinMode> _open = [];
    private readonly Dictionary<int, PinValue> _outputs = [];
    private readonly Dictionary<int, List<(PinEventTypes Types, PinChangeEventHandler Handler)>> _callbacks = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _edgeLoop;
    private volatile bool _emergencyStopPressed;
    private long _encoderCount;
    private readonly DeviceFaultInjector? _faults;

    /// <param name="faults">The <c>laneio</c> faults (disconnect); none when null.</param>
    public SimulatedLaneGpioDriver(LaneWorld world, LaneClock clock, LaneGpioPins? pins = null, DeviceFaultInjector? faults = null)
    {
        _faults = faults;
        ArgumentNullException.ThrowIfNull(world);
        ArgumentNullException.ThrowIfNull(clock);
        _world = world;
        _clock = clock;
        Pins = pins ?? new LaneGpioPins();
        _encoderCount = EncoderHalfPulses(clock.ElapsedSeconds);

        // The levels edges are measured against are taken now, not when the loop gets a thread: a change
        // made right after construction (e.g. an e-stop press) must still raise its edge.
        var levels = new Dictionary<int, PinValue>
        {
            [Pins.BeltRunning] = InputValue(Pins.BeltRunning, clock.ElapsedSeconds),
            [Pins.EmergencyStopOk] = InputValue(Pins.EmergencyStopOk, clock.ElapsedSeconds),
        };
        _edgeLoop = Task.Run(() => EdgeLoopAsync(levels, _stop.Token));
    }

    public LaneGpioPins Pins { get; }

    /// <summary>Presses (true) or releases the simulated e-stop: the e-stop input goes low while pressed.</summary>
    public void PressEmergencyStop(bool pressed) => _emergencyStopPressed = pressed;

    /// <summary>What the gateway last wrote to an output pin (Low if never written).</summary>
    public PinValue OutputState(int pin)
    {
        lock (_gate)
        {
            return _outputs.TryGetValue(pin, out var v) ? v : PinValue.Low;
        }
    }

    protected override int PinCount => 28;

    protected override void OpenPin(int pinNumber)
    {
        lock (_gate)
        {
            _open[pinNumber] = IsInput(pinNumber) ? PinMode.Input : PinMode.Output;
        }
    }

    protected override void ClosePin(int pinNumber)
    {
        lock (_gate)
        {
            _open.Remove(pinNumber);
            _callbacks.Remove(pinNumber);
        }
    }

    protected override void SetPinMode(int pinNumber, PinMode mode)
    {
        if (!IsPinModeSupported(pinNumber, mode))
        {
            throw new InvalidOperationException($"Simulated lane pin {pinNumber} does not support mode {mode}.");
        }

        lock (_gate)
        {
            _open[pinNumber] = mode;
        }
    }

    protected override PinMode GetPinMode(int pinNumber)
    {
        lock (_gate)
        {
            return _open.TryGetValue(pinNumber, out var mode) ? mode : throw new InvalidOperationException($"Pin {pinNumber} is not open.");
        }
    }

    protected override bool IsPinModeSupported(int pinNumber, PinMode mode) =>
        IsInput(pinNumber) ? mode is PinMode.Input or PinMode.InputPullUp or PinMode.InputPullDown : mode == PinMode.Output;

    protected override PinValue Read(int pinNumber)
    {
        ThrowIfDisconnected(pinNumber);
        lock (_gate)
        {
            if (!_open.ContainsKey(pinNumber))
            {
                throw new InvalidOperationException($"Pin {pinNumber} is not open.");
            }

            if (!IsInput(pinNumber))
            {
                return _outputs.TryGetValue(pinNumber, out var v) ? v : PinValue.Low;
            }
        }

        return InputValue(pinNumber, _clock.ElapsedSeconds);
    }

    protected override void Write(int pinNumber, PinValue value)
    {
        if (IsInput(pinNumber))
        {
            throw new InvalidOperationException($"Pin {pinNumber} is a simulated lane input; it cannot be written.");
        }

        ThrowIfDisconnected(pinNumber);

        lock (_gate)
        {
            if (!_open.ContainsKey(pinNumber))
            {
                throw new InvalidOperationException($"Pin {pinNumber} is not open.");
            }

            _outputs[pinNumber] = value;
        }
    }

    protected override WaitForEventResult WaitForEvent(int pinNumber, PinEventTypes eventTypes, CancellationToken cancellationToken)
    {
        var done = new TaskCompletionSource<PinEventTypes>(TaskCreationOptions.RunContinuationsAsynchronously);
        void Handler(object sender, PinValueChangedEventArgs e) => done.TrySetResult(e.ChangeType);
        AddCallbackForPinValueChangedEvent(pinNumber, eventTypes, Handler);
        try
        {
            var type = done.Task.WaitAsync(cancellationToken).GetAwaiter().GetResult();
            return new WaitForEventResult { EventTypes = type, TimedOut = false };
        }
        catch (OperationCanceledException)
        {
            return new WaitForEventResult { EventTypes = PinEventTypes.None, TimedOut = true };
        }
        finally
        {
            RemoveCallbackForPinValueChangedEvent(pinNumber, Handler);
        }
    }

    protected override void AddCallbackForPinValueChangedEvent(int pinNumber, PinEventTypes eventTypes, PinChangeEventHandler callback)
    {
        lock (_gate)
        {
            if (!_callbacks.TryGetValue(pinNumber, out var list))
            {
                _callbacks[pinNumber] = list = [];
            }

            list.Add((eventTypes, callback));
        }
    }

    protected override void RemoveCallbackForPinValueChangedEvent(int pinNumber, PinChangeEventHandler callback)
    {
        lock (_gate)
        {
            if (_callbacks.TryGetValue(pinNumber, out var list))
            {
                list.RemoveAll(c => c.Handler == callback);
            }
        }
    }

    private void ThrowIfDisconnected(int pinNumber)
    {
        if (_faults?.IsActive(DeviceFaultKind.Disconnect) == true)
        {
            throw new IOException($"GPIO pin {pinNumber}: the simulated I/O board does not answer (laneio disconnect fault).");
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_stop.IsCancellationRequested)
        {
            _stop.Cancel();
            try
            {
                _edgeLoop.GetAwaiter().GetResult();
            }
            catch (OperationCanceledException)
            {
                // Stopped.
            }

            _stop.Dispose();
        }

        base.Dispose(disposing);
    }

    private bool IsInput(int pin) => pin == Pins.BeltRunning || pin == Pins.EmergencyStopOk || pin == Pins.Encoder;

    private long EncoderHalfPulses(double laneTimeS) => (long)Math.Floor(_world.BeltTravelAt(laneTimeS) * Pins.EncoderPulsesPerMetre * 2);

    private PinValue InputValue(int pin, double t)
    {
        if (pin == Pins.BeltRunning)
        {
            return _world.Profile.SpeedAt(t) >= 0.05 ? PinValue.High : PinValue.Low;
        }

        if (pin == Pins.EmergencyStopOk)
        {
            return _emergencyStopPressed ? PinValue.Low : PinValue.High;
        }

        return (EncoderHalfPulses(t) & 1) == 1 ? PinValue.High : PinValue.Low;
    }

    private async Task EdgeLoopAsync(Dictionary<int, PinValue> values, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(2), _clock.TimeProvider, ct);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            double t = _clock.ElapsedSeconds;
            if (_faults?.IsActive(DeviceFaultKind.Disconnect) == true)
            {
                // A board that does not answer raises no edges; the belt moves on, so the encoder count catches up.
                _encoderCount = EncoderHalfPulses(t);
                continue;
            }

            foreach (int pin in new[] { Pins.BeltRunning, Pins.EmergencyStopOk })
            {
                var now = InputValue(pin, t);
                if (now != values[pin])
                {
                    values[pin] = now;
                    Raise(pin, now == PinValue.High ? PinEventTypes.Rising : PinEventTypes.Falling);
                }
            }

            // Every encoder half pulse since the last look is an edge: odd counts are rising edges.
            long target = EncoderHalfPulses(t);
            while (_encoderCount < target)
            {
                _encoderCount++;
                Raise(Pins.Encoder, (_encoderCount & 1) == 1 ? PinEventTypes.Rising : PinEventTypes.Falling);
            }
        }
    }

    private void Raise(int pin, PinEventTypes type)
    {
        (PinEventTypes Types, PinChangeEventHandler Handler)[] targets;
        lock (_gate)
        {
            if (!_callbacks.TryGetValue(pin, out var list) || list.Count == 0)
            {
                return;
            }

            targets = [.. list];
        }

        var args = new PinValueChangedEventArgs(type, pin);
        foreach (var (types, handler) in targets)
        {
            if ((types & type) != 0)
            {
                handler(this, args);
            }
        }
    }
}
