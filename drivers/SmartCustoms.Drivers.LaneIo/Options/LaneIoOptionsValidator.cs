using System.Globalization;
using Microsoft.Extensions.Options;

namespace SmartCustoms.Drivers.LaneIo.Options;

/// <summary>Validates <c>Devices:LaneIo</c> on start; every message names the full key.</summary>
internal sealed class LaneIoOptionsValidator : IValidateOptions<LaneIoOptions>
{
    private const string S = LaneIoOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, LaneIoOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (!Enum.IsDefined(options.Board))
        {
            failures.Add(Invariant($"{S}:Board must be gpiochip, sysfs, default or simulated, got {options.Board}"));
        }

        if (options.Chip < 0)
        {
            failures.Add(Invariant($"{S}:Chip must be 0 or more, got {options.Chip}"));
        }

        if (options.Enabled)
        {
            CheckPins(options.Pins, failures);
        }

        foreach (var input in new[] { LaneSignal.BeltRunning, LaneSignal.EStop, LaneSignal.EncoderA })
        {
            if (!Enum.IsDefined(options.Bias.Of(input)))
            {
                failures.Add(Invariant($"{S}:Bias:{input} must be None, PullUp or PullDown, got {options.Bias.Of(input)}"));
            }
        }

        if (options.SampleIntervalMs is < 1 or > 1000)
        {
            failures.Add(Invariant($"{S}:SampleIntervalMs must be 1-1000, got {options.SampleIntervalMs}"));
        }

        // A debounce shorter than one sample would never see a bounce.
        if (options.DebounceMs < 0 || options.DebounceMs > 10_000 ||
            (options.DebounceMs > 0 && options.DebounceMs < options.SampleIntervalMs))
        {
            failures.Add(Invariant(
                $"{S}:DebounceMs must be 0 or from {S}:SampleIntervalMs ({options.SampleIntervalMs}) to 10000, got {options.DebounceMs}"));
        }

        if (!double.IsFinite(options.EncoderPulsesPerMetre) || options.EncoderPulsesPerMetre <= 0)
        {
            failures.Add(Invariant($"{S}:EncoderPulsesPerMetre must be a positive number, got {options.EncoderPulsesPerMetre}"));
        }

        if (options.SpeedWindow <= TimeSpan.Zero || options.SpeedWindow > TimeSpan.FromMinutes(1))
        {
            failures.Add(Invariant($"{S}:SpeedWindow must be a positive time span up to 00:01:00 (e.g. 00:00:01), got {options.SpeedWindow}"));
        }

        if (options.ReopenInterval <= TimeSpan.Zero)
        {
            failures.Add(Invariant($"{S}:ReopenInterval must be a positive time span (e.g. 00:00:05), got {options.ReopenInterval}"));
        }

        CheckClimate(options.Climate, failures);

        var speed = options.Simulation.BeltSpeedMetresPerSecond;
        if (!double.IsFinite(speed) || speed < 0 || speed > 20)
        {
            failures.Add(Invariant($"{S}:Simulation:BeltSpeedMetresPerSecond must be 0-20, got {speed}"));
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckPins(LaneIoPinMap pins, List<string> failures)
    {
        if (pins.EStop is null)
        {
            failures.Add($"{S}:Pins:EStop is required when {S}:Enabled is true (the e-stop input is fail-safe and must be wired)");
        }

        var seen = new Dictionary<int, LaneSignal>();
        foreach (var signal in Enum.GetValues<LaneSignal>())
        {
            if (pins.Of(signal) is not { } pin)
            {
                continue;
            }

            if (pin < 0)
            {
                failures.Add(Invariant($"{S}:Pins:{signal} must be 0 or more, got {pin}"));
            }
            else if (seen.TryGetValue(pin, out var first))
            {
                failures.Add(Invariant($"{S}:Pins:{signal} uses pin {pin}, already used by {S}:Pins:{first}"));
            }
            else
            {
                seen.Add(pin, signal);
            }
        }
    }

    private static void CheckClimate(CabinetClimateOptions climate, List<string> failures)
    {
        if (!climate.Enabled)
        {
            return;
        }

        if (!Enum.IsDefined(climate.Sensor))
        {
            failures.Add(Invariant($"{S}:Climate:Sensor must be sht3x or bme280, got {climate.Sensor}"));
        }

        if (climate.Bus < 0)
        {
            failures.Add(Invariant($"{S}:Climate:Bus must be 0 or more, got {climate.Bus}"));
        }

        // 7-bit addresses outside 0x08-0x77 are reserved by the I2C specification.
        if (climate.Address is < 0x08 or > 0x77)
        {
            failures.Add(Invariant($"{S}:Climate:Address must be 0x08-0x77, got 0x{climate.Address:X2}"));
        }

        if (climate.Interval < TimeSpan.FromSeconds(1))
        {
            failures.Add(Invariant($"{S}:Climate:Interval must be at least 00:00:01, got {climate.Interval}"));
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
