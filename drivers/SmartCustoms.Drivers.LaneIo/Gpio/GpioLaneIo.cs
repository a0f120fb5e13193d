using System.Device.Gpio;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SmartCustoms.Drivers.Abstractions.Health;
using SmartCustoms.Drivers.Abstractions.LaneIo;
using SmartCustoms.Drivers.LaneIo.Climate;
using SmartCustoms.Drivers.LaneIo.Encoder;
using SmartCustoms.Drivers.LaneIo.Inputs;
using SmartCustoms.Drivers.LaneIo.Options;

namespace SmartCustoms.Drivers.LaneIo.Gpio;

/// <summary>
/// The lane I/O on a <see cref="GpioController"/>: belt-running and e-stop inputs are sampled every
/// <c>SampleIntervalMs</c> and debounced in software; encoder pulses are counted from the controller's
/// edge callbacks; stack-light outputs are written on command; an optional cabinet climate sensor is read
/// every <c>Climate:Interval</c>.
/// Sampling (not edge callbacks) drives the two slow inputs because it works the same on every driver
/// (libgpiod, sysfs, the simulated one), it notices a line that stops answering (the e-stop then goes
/// fail-safe active), and debounce becomes a pure function of monotonic timestamps. The encoder is too fast
/// to sample, so it uses edge callbacks; each pulse is stamped with <see cref="TimeProvider.GetTimestamp"/>.
/// Pins that cannot be opened mark the device down (naming the pin) and are retried every
/// <c>ReopenInterval</c>; nothing here throws for hardware trouble. Thread-safe (see <see cref="ILaneIo"/>).
/// </summary>
public sealed partial class GpioLaneIo : ILaneIo
{
    private static readonly LaneSignal[] Outputs =
        [LaneSignal.StackGreen, LaneSignal.StackAmber, LaneSignal.StackRed, LaneSignal.Horn];

    private readonly object _gate = new();
    private readonly object _climateGate = new();
    private readonly LaneIoOptions _options;
    private readonly Func<GpioController> _openController;
    private readonly Func<ICabinetClimateReader>? _openClimate;
    private readonly string _climateDescription;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly DeviceHealthTracker _health;
    private readonly DebouncedInput _beltRunning;
    private readonly DebouncedInput _eStop;
    private readonly Dictionary<LaneSignal, int> _openPins = new();
    private readonly SortedDictionary<LaneSignal, string> _pinProblems = new();
    private readonly PinChangeEventHandler _onEncoderEdge;
    private GpioController? _controller;
    private string? _driverProblem;
    private string? _climateProblem;
    private long _nextReopen;
    private bool _opened;
    private bool _disposed;
    private bool _eStopFailSafe = true;
    private LaneInputState _inputs = LaneInputState.Unknown;
    private StackLightOutputs _stackLight = StackLightOutputs.Off;
    private BeltSpeedWindow? _speed;
    private ICabinetClimateReader? _climate;
    private CabinetClimateReading? _lastClimate;

    /// <param name="options">Validated settings.</param>
    /// <param name="openController">Creates the controller (a board driver, or <c>new GpioController(simulatedDriver)</c>); may throw.</param>
    /// <param name="openClimate">Opens the climate sensor, or null when none is configured; may throw.</param>
    /// <param name="time">Monotonic time for debounce and speed; wall clock for display.</param>
    /// <param name="logger">Optional.</param>
    public GpioLaneIo(
        LaneIoOptions options,
        Func<GpioController> openController,
        Func<ICabinetClimateReader>? openClimate,
        TimeProvider time,
        ILogger<GpioLaneIo>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(openController);
        ArgumentNullException.ThrowIfNull(time);
        _options = options;
        _openController = openController;
        _openClimate = options.Enabled && options.Climate.Enabled ? openClimate : null;
        _climateDescription = FormattableString.Invariant(
            $"{options.Climate.Sensor.ToString().ToLowerInvariant()} on I2C bus {options.Climate.Bus} address 0x{options.Climate.Address:X2}");
        _time = time;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _health = new DeviceHealthTracker(DeviceName, 1, time);
        _health.Changed += (_, health) => HealthChanged?.Invoke(this, health);
        var debounceTicks = (long)(options.DebounceMs / 1000.0 * time.TimestampFrequency);
        _beltRunning = new DebouncedInput(debounceTicks, activateImmediately: false, initial: false);
        _eStop = new DebouncedInput(debounceTicks, activateImmediately: true, initial: true);
        _onEncoderEdge = OnEncoderEdge;
    }

    public event EventHandler<DeviceHealth>? HealthChanged;

    public event EventHandler<LaneInputChange>? InputChanged;

    public event EventHandler<CabinetClimateReading>? ClimateRead;

    public string DeviceName => "laneio";

    public DeviceHealth Health => _health.Current;

    public LaneInputState Inputs
    {
        get { lock (_gate) { return _inputs; } }
    }

    public bool HasEncoder
    {
        get { lock (_gate) { return _speed is not null && _openPins.ContainsKey(LaneSignal.EncoderA); } }
    }

    public StackLightOutputs StackLight
    {
        get { lock (_gate) { return _stackLight; } }
    }

    public bool HasClimateSensor => _openClimate is not null;

    public CabinetClimateReading? LastClimate
    {
        get { lock (_climateGate) { return _lastClimate; } }
    }

    /// <summary>Encoder pulses lost because more than <see cref="BeltSpeedWindow.Capacity"/> arrived in one window.</summary>
    public long EncoderOverruns
    {
        get { lock (_gate) { return _speed?.Overruns ?? 0; } }
    }

    /// <summary>
    /// Opens the controller and every configured pin. Never throws for hardware trouble: failures mark the
    /// device down with the pin named and are retried by <see cref="SampleInputs"/>.
    /// </summary>
    public void Open()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_opened)
            {
                return;
            }

            _opened = true;
            if (_options.Enabled)
            {
                OpenMissing(_time.GetTimestamp());
            }
        }

        UpdateHealth();
    }

    /// <summary>
    /// Runs the lane I/O until cancelled: opens it, samples the inputs every <c>SampleIntervalMs</c> and reads the
    /// climate sensor every <c>Climate:Interval</c>.
    /// </summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        Open();
        if (!_options.Enabled)
        {
            return;
        }

        var climate = HasClimateSensor ? Task.Run(() => RunClimateAsync(cancellationToken), CancellationToken.None) : Task.CompletedTask;
        try
        {
            using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(_options.SampleIntervalMs), _time);
            do
            {
                SampleOnce();
            }
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }

        await climate.ConfigureAwait(false);
    }

    /// <summary>
    /// One sampling step: retries failed pins when due, reads belt-running and e-stop, debounces them and raises
    /// <see cref="InputChanged"/> for each confirmed change.
    /// </summary>
    public void SampleInputs()
    {
        var changes = new List<LaneInputChange>(2);
        lock (_gate)
        {
            if (_disposed || !_opened || !_options.Enabled)
            {
                return;
            }

            var now = _time.GetTimestamp();
            if (_nextReopen != 0 && now >= _nextReopen)
            {
                OpenMissing(now);
            }

            var hostTime = _time.GetUtcNow();
            if (TryReadInput(LaneSignal.BeltRunning, out var running))
            {
                if (_beltRunning.Sample(running, now))
                {
                    changes.Add(new LaneInputChange(LaneInput.BeltRunning, _beltRunning.Stable, _beltRunning.StableSince, hostTime, false));
                }
            }
            else if (_beltRunning.Force(false, now))
            {
                // Unknown is not running: the lane must not track material it cannot see moving.
                changes.Add(new LaneInputChange(LaneInput.BeltRunning, false, now, hostTime, true));
            }

            if (TryReadInput(LaneSignal.EStop, out var eStop))
            {
                _eStopFailSafe = false;
                if (_eStop.Sample(eStop, now))
                {
                    changes.Add(new LaneInputChange(LaneInput.EStop, _eStop.Stable, _eStop.StableSince, hostTime, false));
                }
            }
            else
            {
                _eStopFailSafe = true;
                if (_eStop.Force(true, now))
                {
                    changes.Add(new LaneInputChange(LaneInput.EStop, true, now, hostTime, true));
                }
            }

            _inputs = new LaneInputState(_beltRunning.Stable, _beltRunning.StableSince, _eStop.Stable, _eStop.StableSince, _eStopFailSafe);
        }

        UpdateHealth();
        foreach (var change in changes)
        {
            LogInputChanged(change.Input, change.Active, change.FailSafe);
            Raise(InputChanged, change);
        }
    }

    public BeltEncoderReading ReadEncoder()
    {
        var now = _time.GetTimestamp();
        BeltSpeedWindow? speed;
        lock (_gate)
        {
            speed = _speed;
        }

        return speed?.Read(now) ?? new BeltEncoderReading(0, 0, TimeSpan.Zero, 0, now);
    }

    public void SetStackLight(StackLightOutputs outputs)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _stackLight = outputs;
            foreach (var signal in Outputs)
            {
                WriteOutput(signal);
            }
        }

        UpdateHealth();
    }

    /// <summary>One climate read (blocking, tens of ms); failures mark the device degraded with the reason.</summary>
    public void PollClimate()
    {
        if (_openClimate is null)
        {
            return;
        }

        CabinetClimateReading? reading = null;
        lock (_climateGate)
        {
            if (_disposed)
            {
                return;
            }

            try
            {
                _climate ??= _openClimate();
                var sample = _climate.Read();
                reading = new CabinetClimateReading(
                    sample.TemperatureCelsius, sample.RelativeHumidityPercent, _climate.Description, _time.GetUtcNow(), _time.GetTimestamp());
                _lastClimate = reading;
                _climateProblem = null;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // Any failure of a sensor on a bus (I/O error, missing device, bad data) is the sensor's problem, not the lane's.
                var problem = $"cabinet climate sensor {_climateDescription}: {ex.Message}";
                if (problem != _climateProblem)
                {
                    LogClimateFailed(_climateDescription, ex.Message);
                }

                _climateProblem = problem;
                _climate?.Dispose();
                _climate = null;
            }
        }

        UpdateHealth();
        if (reading is not null)
        {
            Raise(ClimateRead, reading);
        }
    }

    public ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return ValueTask.CompletedTask;
            }

            // Leave no horn sounding and no lamp lit for a gateway that is not running.
            _stackLight = StackLightOutputs.Off;
            foreach (var signal in Outputs)
            {
                WriteOutput(signal);
            }

            _disposed = true;
            CloseController();
        }

        lock (_climateGate)
        {
            _climate?.Dispose();
            _climate = null;
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>Calls each subscriber on its own, so one that throws cannot keep an e-stop change from the others.</summary>
    private void Raise<T>(EventHandler<T>? handlers, T args)
    {
        if (handlers is null)
        {
            return;
        }

        foreach (var handler in handlers.GetInvocationList().Cast<EventHandler<T>>())
        {
            try
            {
                handler(this, args);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                LogHandlerFailed(ex);
            }
        }
    }

    private void SampleOnce()
    {
        try
        {
            SampleInputs();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException and not ObjectDisposedException)
        {
            // A subscriber's handler threw: the sampling loop (and the e-stop with it) must keep running.
            LogHandlerFailed(ex);
        }
    }

    private async Task RunClimateAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                try
                {
                    PollClimate();
                }
                catch (Exception ex) when (ex is not OutOfMemoryException and not ObjectDisposedException)
                {
                    LogHandlerFailed(ex);
                }

                await Task.Delay(_options.Climate.Interval, _time, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Opens the controller if needed and every configured pin not yet open. Caller holds <see cref="_gate"/>.</summary>
    private void OpenMissing(long now)
    {
        if (_controller is null)
        {
            try
            {
                _controller = _openController();
                if (_driverProblem is not null)
                {
                    LogDriverRecovered(_options.Board);
                }

                _driverProblem = null;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                var problem = $"GPIO driver '{_options.Board.ToString().ToLowerInvariant()}' could not be opened: {ex.Message}";
                if (problem != _driverProblem)
                {
                    LogDriverFailed(_options.Board, ex.Message);
                }

                _driverProblem = problem;
                _nextReopen = now + ReopenTicks;
                return;
            }
        }

        foreach (var signal in Enum.GetValues<LaneSignal>())
        {
            if (_options.Pins.Of(signal) is { } pin && !_openPins.ContainsKey(signal))
            {
                TryOpenPin(signal, pin, now);
            }
        }

        _nextReopen = _pinProblems.Keys.Any(s => !_openPins.ContainsKey(s)) ? now + ReopenTicks : 0;
    }

    private long ReopenTicks => (long)(_options.ReopenInterval.TotalSeconds * _time.TimestampFrequency);

    private void TryOpenPin(LaneSignal signal, int pin, long now)
    {
        var controller = _controller!;
        try
        {
            if (IsInput(signal))
            {
                controller.OpenPin(pin, ModeFor(_options.Bias.Of(signal)));
                if (signal == LaneSignal.EncoderA)
                {
                    // A logical rising edge is an electrical falling edge on active-low wiring.
                    var edge = _options.ActiveLow.EncoderA ? PinEventTypes.Falling : PinEventTypes.Rising;
                    _speed ??= new BeltSpeedWindow(_options.EncoderPulsesPerMetre, _options.SpeedWindow, _time.TimestampFrequency, now);
                    controller.RegisterCallbackForPinValueChangedEvent(pin, edge, _onEncoderEdge);
                }
            }
            else
            {
                controller.OpenPin(pin, PinMode.Output, Level(signal, IsOn(signal)));
            }

            _openPins[signal] = pin;
            if (_pinProblems.Remove(signal))
            {
                LogPinRecovered(signal, pin);
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            var problem = string.Create(CultureInfo.InvariantCulture, $"{signal} pin {pin} could not be opened: {ex.Message}");
            if (!_pinProblems.TryGetValue(signal, out var previous) || previous != problem)
            {
                LogPinFailed(signal, pin, ex.Message);
            }

            _pinProblems[signal] = problem;
            TryClose(controller, pin);
        }
    }

    private bool TryReadInput(LaneSignal signal, out bool active)
    {
        active = false;
        if (_controller is null || !_openPins.TryGetValue(signal, out var pin))
        {
            return false;
        }

        try
        {
            active = (_controller.Read(pin) == PinValue.High) != _options.ActiveLow.Of(signal);
            if (_pinProblems.Remove(signal))
            {
                LogPinRecovered(signal, pin);
            }

            return true;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            var problem = string.Create(CultureInfo.InvariantCulture, $"{signal} pin {pin} could not be read: {ex.Message}");
            if (!_pinProblems.TryGetValue(signal, out var previous) || previous != problem)
            {
                LogPinFailed(signal, pin, ex.Message);
            }

            _pinProblems[signal] = problem;
            return false;
        }
    }

    private void WriteOutput(LaneSignal signal)
    {
        if (_controller is null || !_openPins.TryGetValue(signal, out var pin))
        {
            return;
        }

        try
        {
            _controller.Write(pin, Level(signal, IsOn(signal)));
            if (_pinProblems.Remove(signal))
            {
                LogPinRecovered(signal, pin);
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            var problem = string.Create(CultureInfo.InvariantCulture, $"{signal} pin {pin} could not be written: {ex.Message}");
            if (!_pinProblems.TryGetValue(signal, out var previous) || previous != problem)
            {
                LogPinFailed(signal, pin, ex.Message);
            }

            _pinProblems[signal] = problem;
        }
    }

    private void OnEncoderEdge(object sender, PinValueChangedEventArgs args)
    {
        // Stamp first: the timestamp is the measurement, the lock only protects the window.
        var now = _time.GetTimestamp();
        Volatile.Read(ref _speed)?.AddPulse(now);
    }

    private void UpdateHealth()
    {
        string? down;
        string? degraded;
        lock (_gate)
        {
            if (!_opened)
            {
                return;
            }

            if (!_options.Enabled)
            {
                down = $"disabled by configuration ({LaneIoOptions.SectionName}:Enabled = false)";
            }
            else if (_driverProblem is not null)
            {
                down = _driverProblem;
            }
            else
            {
                down = _pinProblems.Count == 0 ? null : string.Join("; ", _pinProblems.Values);
            }
        }

        lock (_climateGate)
        {
            degraded = _climateProblem;
        }

        if (down is not null)
        {
            _health.ReportDown(degraded is null ? down : $"{down}; {degraded}");
        }
        else if (degraded is not null)
        {
            _health.ReportDegraded(degraded);
        }
        else
        {
            _health.ReportSuccess();
        }
    }

    private void CloseController()
    {
        if (_controller is null)
        {
            return;
        }

        if (_openPins.TryGetValue(LaneSignal.EncoderA, out var encoder))
        {
            try
            {
                _controller.UnregisterCallbackForPinValueChangedEvent(encoder, _onEncoderEdge);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                LogPinFailed(LaneSignal.EncoderA, encoder, ex.Message);
            }
        }

        try
        {
            // Closes every open pin and disposes the driver.
            _controller.Dispose();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            LogDriverFailed(_options.Board, ex.Message);
        }

        _controller = null;
        _openPins.Clear();
    }

    private static void TryClose(GpioController controller, int pin)
    {
        try
        {
            if (controller.IsPinOpen(pin))
            {
                controller.ClosePin(pin);
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The pin is already reported as failed; a close that fails too adds nothing.
            _ = ex;
        }
    }

    private bool IsOn(LaneSignal signal) => signal switch
    {
        LaneSignal.StackGreen => _stackLight.Green,
        LaneSignal.StackAmber => _stackLight.Amber,
        LaneSignal.StackRed => _stackLight.Red,
        LaneSignal.Horn => _stackLight.Horn,
        _ => false,
    };

    private PinValue Level(LaneSignal signal, bool on) => on != _options.ActiveLow.Of(signal) ? PinValue.High : PinValue.Low;

    private static bool IsInput(LaneSignal signal) => signal is LaneSignal.BeltRunning or LaneSignal.EStop or LaneSignal.EncoderA;

    private static PinMode ModeFor(InputBias bias) => bias switch
    {
        InputBias.PullUp => PinMode.InputPullUp,
        InputBias.PullDown => PinMode.InputPullDown,
        _ => PinMode.Input,
    };

    [LoggerMessage(EventId = 5001, Level = LogLevel.Warning, Message = "laneio: {Signal} pin {Pin} failed: {Reason}")]
    private partial void LogPinFailed(LaneSignal signal, int pin, string reason);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Information, Message = "laneio: {Signal} pin {Pin} works again")]
    private partial void LogPinRecovered(LaneSignal signal, int pin);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Error, Message = "laneio: GPIO driver {Board} failed: {Reason}")]
    private partial void LogDriverFailed(LaneIoBoard board, string reason);

    [LoggerMessage(EventId = 5004, Level = LogLevel.Information, Message = "laneio: GPIO driver {Board} opened")]
    private partial void LogDriverRecovered(LaneIoBoard board);

    [LoggerMessage(EventId = 5005, Level = LogLevel.Information, Message = "laneio: {Input} is now {Active} (fail-safe: {FailSafe})")]
    private partial void LogInputChanged(LaneInput input, bool active, bool failSafe);

    [LoggerMessage(EventId = 5007, Level = LogLevel.Error, Message = "laneio: an event handler threw; the lane I/O keeps running")]
    private partial void LogHandlerFailed(Exception exception);

    [LoggerMessage(EventId = 5006, Level = LogLevel.Warning, Message = "laneio: cabinet climate sensor {Sensor} failed: {Reason}")]
    private partial void LogClimateFailed(string sensor, string reason);
}
