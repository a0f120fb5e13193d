using SmartCustoms.Drivers.Abstractions.Health;

namespace SmartCustoms.Drivers.Abstractions.LaneIo;

/// <summary>
/// The lane's discrete I/O: belt-running and e-stop inputs (debounced), the belt encoder, the stack light and
/// horn, and an optional cabinet climate sensor.
/// Thread-safe: every member may be called from any thread. Events are raised outside the driver's locks on
/// its own sampling thread; handlers must not block.
/// E-stop is fail-safe: whenever the e-stop input is not known to be released (pin missing, unreadable,
/// driver not started) <see cref="LaneInputState.EStopActive"/> is true.
/// </summary>
public interface ILaneIo : IDeviceHealthSource, IAsyncDisposable
{
    /// <summary>The latest debounced inputs.</summary>
    LaneInputState Inputs { get; }

    /// <summary>Raised once per debounced change of an input.</summary>
    event EventHandler<LaneInputChange>? InputChanged;

    /// <summary>True when an encoder input is configured and open.</summary>
    bool HasEncoder { get; }

    /// <summary>Pulse count and belt speed over the configured window, computed now (monotonic time).</summary>
    BeltEncoderReading ReadEncoder();

    /// <summary>The outputs last commanded through <see cref="SetStackLight"/>.</summary>
    StackLightOutputs StackLight { get; }

    /// <summary>
    /// Drives the stack light and horn (set by the lane core). Outputs without a configured pin are ignored.
    /// A failed write does not throw: it marks the device down, naming the pin.
    /// </summary>
    void SetStackLight(StackLightOutputs outputs);

    /// <summary>True when a cabinet climate sensor is configured.</summary>
    bool HasClimateSensor { get; }

    /// <summary>The latest valid climate reading, or null before the first one (or with no sensor).</summary>
    CabinetClimateReading? LastClimate { get; }

    /// <summary>Raised after every valid climate reading.</summary>
    event EventHandler<CabinetClimateReading>? ClimateRead;
}
