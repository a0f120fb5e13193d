using System.Device.Gpio;

namespace SmartCustoms.Drivers.LaneIo.Simulation;

/// <summary>
/// An in-process GPIO driver for tests and the gateway's simulate mode (selected only by
/// <c>Devices:LaneIo:Board = simulated</c>; it never touches hardware). Behind a real
/// <see cref="GpioController"/> it behaves like a chip: inputs are driven with <see cref="DriveInput"/>
/// (edge callbacks fire synchronously on the caller's thread, as a kernel event thread would deliver them),
/// outputs written by the controller are read back with <see cref="OutputLevel"/>, and faults can be injected
/// (<see cref="FailOpen"/>, <see cref="FailReads"/>, <see cref="FailWrites"/>).
/// Thread-safe.
/// </summary>
public sealed class SimulatedGpioDriver : GpioDriver
{
    private readonly object _gate = new();
    private readonly Dictionary<int, SimulatedLine> _lines = new();
    private readonly Dictionary<int, string> _openFailures = new();
    private readonly Dictionary<int, string> _readFailures = new();
    private readonly Dictionary<int, string> _writeFailures = new();
    private readonly int _pinCount;

    public SimulatedGpioDriver(int pinCount = 64)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pinCount);
        _pinCount = pinCount;
    }

    protected override int PinCount => _pinCount;

    /// <summary>Drives the electrical level of an input; fires rising/falling callbacks if it changed.</summary>
    public void DriveInput(int pin, PinValue level) => SetDriven(pin, level);

    /// <summary>Stops driving an input (a disconnected wire): the line floats to its bias (pull-up high, else low).</summary>
    public void ReleaseInput(int pin) => SetDriven(pin, null);

    private void SetDriven(int pin, PinValue? level)
    {
        List<PinChangeEventHandler> handlers;
        PinEventTypes edge;
        lock (_gate)
        {
            var line = Line(pin);
            line.Driven = level;
            var newLevel = line.Effective;
            if (newLevel == line.LastReported)
            {
                return;
            }

            line.LastReported = newLevel;
            edge = newLevel == PinValue.High ? PinEventTypes.Rising : PinEventTypes.Falling;
            handlers = line.Callbacks.Where(c => (c.Events & edge) != 0).Select(c => c.Handler).ToList();
            if (line.Edges.CurrentCount == 0)
            {
                // One pending wake-up is enough for WaitForEvent; more would only grow the count.
                line.Edges.Release();
            }

            // Every edge since the waiter last looked, not only the latest: a quick high-low pulse must still
            // end a wait for a rising edge.
            line.PendingEdges |= edge;
        }

        var args = new PinValueChangedEventArgs(edge, pin);
        foreach (var handler in handlers)
        {
            handler(this, args);
        }
    }

    /// <summary>One encoder pulse: a rising then a falling edge (from the low level).</summary>
    public void Pulse(int pin)
    {
        DriveInput(pin, PinValue.High);
        DriveInput(pin, PinValue.Low);
    }

    /// <summary>The level the controller last wrote to an output, or null if it never wrote one.</summary>
    public PinValue? OutputLevel(int pin)
    {
        lock (_gate)
        {
            return _lines.TryGetValue(pin, out var line) ? line.Written : null;
        }
    }

    /// <summary>True while the pin is open through the driver.</summary>
    public bool IsOpen(int pin)
    {
        lock (_gate)
        {
            return _lines.TryGetValue(pin, out var line) && line.Open;
        }
    }

    /// <summary>Makes opening the pin fail (as a line held by another process would); null clears it.</summary>
    public void FailOpen(int pin, string? reason)
    {
        lock (_gate)
        {
            Set(_openFailures, pin, reason);
        }
    }

    /// <summary>Makes reads of the pin fail; null clears it.</summary>
    public void FailReads(int pin, string? reason)
    {
        lock (_gate)
        {
            Set(_readFailures, pin, reason);
        }
    }

    /// <summary>Makes writes to the pin fail; null clears it.</summary>
    public void FailWrites(int pin, string? reason)
    {
        lock (_gate)
        {
            Set(_writeFailures, pin, reason);
        }
    }

    protected override void OpenPin(int pinNumber)
    {
        lock (_gate)
        {
            CheckRange(pinNumber);
            if (_openFailures.TryGetValue(pinNumber, out var reason))
            {
                throw new IOException($"simulated: cannot open line {pinNumber}: {reason}");
            }

            Line(pinNumber).Open = true;
        }
    }

    protected override void ClosePin(int pinNumber)
    {
        lock (_gate)
        {
            if (_lines.TryGetValue(pinNumber, out var line))
            {
                line.Open = false;
                line.Callbacks.Clear();
            }
        }
    }

    protected override void SetPinMode(int pinNumber, PinMode mode)
    {
        lock (_gate)
        {
            var line = OpenLine(pinNumber);
            line.Mode = mode;
            line.LastReported = line.Effective;
        }
    }

    protected override PinMode GetPinMode(int pinNumber)
    {
        lock (_gate)
        {
            return OpenLine(pinNumber).Mode;
        }
    }

    protected override bool IsPinModeSupported(int pinNumber, PinMode mode) =>
        mode is PinMode.Input or PinMode.InputPullUp or PinMode.InputPullDown or PinMode.Output;

    protected override PinValue Read(int pinNumber)
    {
        lock (_gate)
        {
            if (_readFailures.TryGetValue(pinNumber, out var reason))
            {
                throw new IOException($"simulated: cannot read line {pinNumber}: {reason}");
            }

            var line = OpenLine(pinNumber);
            return line.Mode == PinMode.Output ? line.Written ?? PinValue.Low : line.Effective;
        }
    }

    protected override void Write(int pinNumber, PinValue value)
    {
        lock (_gate)
        {
            if (_writeFailures.TryGetValue(pinNumber, out var reason))
            {
                throw new IOException($"simulated: cannot write line {pinNumber}: {reason}");
            }

            OpenLine(pinNumber).Written = value;
        }
    }

    protected override WaitForEventResult WaitForEvent(int pinNumber, PinEventTypes eventTypes, CancellationToken cancellationToken)
    {
        SemaphoreSlim edges;
        lock (_gate)
        {
            edges = OpenLine(pinNumber).Edges;
            while (edges.CurrentCount > 0)
            {
                edges.Wait(0, CancellationToken.None);
            }

            Line(pinNumber).PendingEdges = PinEventTypes.None;
        }

        while (true)
        {
            try
            {
                edges.Wait(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return new WaitForEventResult { TimedOut = true, EventTypes = PinEventTypes.None };
            }

            lock (_gate)
            {
                var line = Line(pinNumber);
                var seen = line.PendingEdges & eventTypes;
                line.PendingEdges = PinEventTypes.None;
                if (seen != PinEventTypes.None)
                {
                    return new WaitForEventResult { TimedOut = false, EventTypes = seen };
                }
            }
        }
    }

    protected override void AddCallbackForPinValueChangedEvent(int pinNumber, PinEventTypes eventTypes, PinChangeEventHandler callback)
    {
        lock (_gate)
        {
            OpenLine(pinNumber).Callbacks.Add((eventTypes, callback));
        }
    }

    protected override void RemoveCallbackForPinValueChangedEvent(int pinNumber, PinChangeEventHandler callback)
    {
        lock (_gate)
        {
            OpenLine(pinNumber).Callbacks.RemoveAll(c => c.Handler == callback);
        }
    }

    protected override void Dispose(bool disposing)
    {
        // Closing the controller closes the lines; their last output levels stay readable (what a relay would
        // be left at), which is what tests of shutdown behaviour look at.
        if (disposing)
        {
            lock (_gate)
            {
                foreach (var line in _lines.Values)
                {
                    line.Open = false;
                    line.Callbacks.Clear();
                }
            }
        }

        base.Dispose(disposing);
    }

    private static void Set(Dictionary<int, string> failures, int pin, string? reason)
    {
        if (reason is null)
        {
            failures.Remove(pin);
        }
        else
        {
            failures[pin] = reason;
        }
    }

    private void CheckRange(int pin)
    {
        if (pin < 0 || pin >= _pinCount)
        {
            throw new ArgumentOutOfRangeException(nameof(pin), pin, $"simulated chip has lines 0-{_pinCount - 1}");
        }
    }

    private SimulatedLine Line(int pin)
    {
        CheckRange(pin);
        if (!_lines.TryGetValue(pin, out var line))
        {
            line = new SimulatedLine();
            _lines.Add(pin, line);
        }

        return line;
    }

    private SimulatedLine OpenLine(int pin)
    {
        var line = Line(pin);
        if (!line.Open)
        {
            throw new InvalidOperationException($"simulated: line {pin} is not open");
        }

        return line;
    }

    private sealed class SimulatedLine
    {
        public bool Open { get; set; }

        public PinMode Mode { get; set; } = PinMode.Input;

        /// <summary>The level an external circuit drives; null = floating (the bias decides).</summary>
        public PinValue? Driven { get; set; }

        public PinValue? Written { get; set; }

        public PinValue LastReported { get; set; } = PinValue.Low;

        /// <summary>Edges since <c>WaitForEvent</c> last looked (flags).</summary>
        public PinEventTypes PendingEdges { get; set; }

        public SemaphoreSlim Edges { get; } = new(0);

        public List<(PinEventTypes Events, PinChangeEventHandler Handler)> Callbacks { get; } = new();

        /// <summary>What the pin reads: the driven level, else the pull resistor, else low.</summary>
        public PinValue Effective => Driven ?? (Mode == PinMode.InputPullUp ? PinValue.High : PinValue.Low);
    }
}
