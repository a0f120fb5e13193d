using System.Device.Gpio;
using SmartCustoms.Drivers.LaneIo.Options;

namespace SmartCustoms.Drivers.LaneIo.Simulation;

/// <summary>
/// Plays the lane's field wiring on a <see cref="SimulatedGpioDriver"/> for the gateway's simulate mode: the
/// belt-running contact, the e-stop circuit and an encoder pulse train at a set belt speed, all with the
/// configured active-low wiring (so the driver under test decodes them exactly as it would real signals).
/// Pulses are generated in bursts on each tick (every <see cref="TickInterval"/>); the average rate is exact,
/// which is what the speed window measures, except that a stall longer than <see cref="MaxCatchUp"/> loses
/// its pulses (the simulated belt reads slower for that moment rather than spiking). Thread-safe.
/// </summary>
public sealed class SimulatedLaneSignals
{
    /// <summary>How often pulses are emitted (a burst of the pulses due since the last tick).</summary>
    public static readonly TimeSpan TickInterval = TimeSpan.FromMilliseconds(10);

    /// <summary>
    /// A tick later than this (a stalled thread pool) owes no more than this much belt: catching up a long stall
    /// in one burst would put seconds of pulses into one instant and fake a speed spike.
    /// </summary>
    public static readonly TimeSpan MaxCatchUp = TimeSpan.FromMilliseconds(100);

    private readonly object _gate = new();
    private readonly SimulatedGpioDriver _driver;
    private readonly LaneIoOptions _options;
    private readonly TimeProvider _time;
    private bool _beltRunning;
    private bool _eStopActive;
    private double _speedMetresPerSecond;
    private double _pulseDebt;
    private long _lastTick;
    private long _pulsesEmitted;

    public SimulatedLaneSignals(SimulatedGpioDriver driver, LaneIoOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(driver);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        _driver = driver;
        _options = options;
        _time = time;
        _beltRunning = options.Simulation.BeltRunning;
        _eStopActive = options.Simulation.EStopActive;
        _speedMetresPerSecond = options.Simulation.BeltSpeedMetresPerSecond;
        _lastTick = time.GetTimestamp();
    }

    public bool BeltRunning
    {
        get { lock (_gate) { return _beltRunning; } }
    }

    public bool EStopActive
    {
        get { lock (_gate) { return _eStopActive; } }
    }

    public double BeltSpeedMetresPerSecond
    {
        get { lock (_gate) { return _speedMetresPerSecond; } }
    }

    /// <summary>Encoder pulses emitted so far.</summary>
    public long PulsesEmitted
    {
        get { lock (_gate) { return _pulsesEmitted; } }
    }

    /// <summary>Drives the static inputs to the current state (call once the lane I/O has opened its pins).</summary>
    public void Apply()
    {
        bool running;
        bool eStop;
        lock (_gate)
        {
            running = _beltRunning;
            eStop = _eStopActive;
        }

        Drive(LaneSignal.BeltRunning, running);
        Drive(LaneSignal.EStop, eStop);
    }

    public void SetBeltRunning(bool running)
    {
        lock (_gate)
        {
            _beltRunning = running;
        }

        Drive(LaneSignal.BeltRunning, running);
    }

    public void SetEStop(bool active)
    {
        lock (_gate)
        {
            _eStopActive = active;
        }

        Drive(LaneSignal.EStop, active);
    }

    public void SetBeltSpeed(double metresPerSecond)
    {
        if (!double.IsFinite(metresPerSecond) || metresPerSecond < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(metresPerSecond), metresPerSecond, "belt speed must be 0 or more m/s");
        }

        lock (_gate)
        {
            _speedMetresPerSecond = metresPerSecond;
        }
    }

    /// <summary>Emits the encoder pulses due since the previous tick (none while the belt is stopped).</summary>
    public int Tick()
    {
        int due;
        lock (_gate)
        {
            var now = _time.GetTimestamp();
            var seconds = Math.Min((double)(now - _lastTick) / _time.TimestampFrequency, MaxCatchUp.TotalSeconds);
            _lastTick = now;
            if (!_beltRunning || _options.Pins.EncoderA is null)
            {
                _pulseDebt = 0;
                return 0;
            }

            _pulseDebt += seconds * _speedMetresPerSecond * _options.EncoderPulsesPerMetre;
            due = (int)Math.Floor(_pulseDebt);
            _pulseDebt -= due;
            _pulsesEmitted += due;
        }

        var pin = _options.Pins.EncoderA.Value;
        var (idle, active) = _options.ActiveLow.EncoderA ? (PinValue.High, PinValue.Low) : (PinValue.Low, PinValue.High);
        for (var i = 0; i < due; i++)
        {
            _driver.DriveInput(pin, active);
            _driver.DriveInput(pin, idle);
        }

        return due;
    }

    /// <summary>Applies the inputs, then ticks every <see cref="TickInterval"/> until cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            // Pulses are owed from now on, not from when this object was created.
            _lastTick = _time.GetTimestamp();
            _pulseDebt = 0;
        }

        Apply();
        try
        {
            using var timer = new PeriodicTimer(TickInterval, _time);
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                Tick();
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private void Drive(LaneSignal signal, bool active)
    {
        if (_options.Pins.Of(signal) is not { } pin)
        {
            return;
        }

        var high = active != _options.ActiveLow.Of(signal);
        _driver.DriveInput(pin, high ? PinValue.High : PinValue.Low);
    }
}
