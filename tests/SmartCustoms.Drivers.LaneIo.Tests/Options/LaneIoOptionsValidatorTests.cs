using Microsoft.Extensions.Configuration;
using SmartCustoms.Drivers.LaneIo.Options;
using SmartCustoms.Drivers.LaneIo.Tests.Support;

namespace SmartCustoms.Drivers.LaneIo.Tests.Options;

public class LaneIoOptionsValidatorTests
{
    private static List<string> Failures(Action<LaneIoOptions> configure)
    {
        var options = LaneIoRig.Default();
        configure(options);
        var result = new LaneIoOptionsValidator().Validate(null, options);
        return result.Failed ? result.Failures!.ToList() : [];
    }

    [Fact]
    public void The_default_rig_settings_are_valid() => Assert.Empty(Failures(_ => { }));

    [Fact]
    public void Disabled_lane_io_needs_no_pins() => Assert.Empty(Failures(o =>
    {
        o.Enabled = false;
        o.Pins = new LaneIoPinMap();
    }));

    [Fact]
    public void A_missing_e_stop_pin_is_named()
    {
        var failure = Assert.Single(Failures(o => o.Pins.EStop = null));
        Assert.StartsWith("Devices:LaneIo:Pins:EStop is required", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void A_duplicate_pin_names_both_keys()
    {
        var failure = Assert.Single(Failures(o => o.Pins.Horn = LaneIoRig.RedPin));
        Assert.Equal("Devices:LaneIo:Pins:Horn uses pin 22, already used by Devices:LaneIo:Pins:StackRed", failure);
    }

    [Fact]
    public void A_negative_pin_is_named() =>
        Assert.Equal("Devices:LaneIo:Pins:StackGreen must be 0 or more, got -1", Assert.Single(Failures(o => o.Pins.StackGreen = -1)));

    [Theory]
    [InlineData(-1, 5, "Devices:LaneIo:DebounceMs must be 0 or from Devices:LaneIo:SampleIntervalMs (5) to 10000, got -1")]
    [InlineData(3, 5, "Devices:LaneIo:DebounceMs must be 0 or from Devices:LaneIo:SampleIntervalMs (5) to 10000, got 3")]
    [InlineData(20, 0, "Devices:LaneIo:SampleIntervalMs must be 1-1000, got 0")]
    public void Debounce_and_sampling_are_checked_together(int debounceMs, int sampleMs, string expected)
    {
        var failures = Failures(o =>
        {
            o.DebounceMs = debounceMs;
            o.SampleIntervalMs = sampleMs;
        });
        Assert.Contains(expected, failures);
    }

    [Fact]
    public void Encoder_settings_are_named()
    {
        var failures = Failures(o =>
        {
            o.EncoderPulsesPerMetre = 0;
            o.SpeedWindow = TimeSpan.Zero;
        });
        Assert.Contains("Devices:LaneIo:EncoderPulsesPerMetre must be a positive number, got 0", failures);
        Assert.Contains(failures, f => f.StartsWith("Devices:LaneIo:SpeedWindow must be a positive time span", StringComparison.Ordinal));
    }

    [Fact]
    public void Climate_settings_are_checked_only_when_enabled()
    {
        Assert.Empty(Failures(o => o.Climate.Address = 0x99));
        var failures = Failures(o =>
        {
            o.Climate.Enabled = true;
            o.Climate.Address = 0x99;
            o.Climate.Interval = TimeSpan.FromMilliseconds(100);
        });
        Assert.Contains("Devices:LaneIo:Climate:Address must be 0x08-0x77, got 0x99", failures);
        Assert.Contains(failures, f => f.StartsWith("Devices:LaneIo:Climate:Interval must be at least 00:00:01", StringComparison.Ordinal));
    }

    [Fact]
    public void The_section_binds_names_hex_addresses_and_lower_case_enums()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Devices:LaneIo:Enabled"] = "true",
            ["Devices:LaneIo:Board"] = "sysfs",
            ["Devices:LaneIo:Pins:EStop"] = "6",
            ["Devices:LaneIo:ActiveLow:StackRed"] = "true",
            ["Devices:LaneIo:Bias:BeltRunning"] = "pulldown",
            ["Devices:LaneIo:SpeedWindow"] = "00:00:02",
            ["Devices:LaneIo:Climate:Sensor"] = "bme280",
            ["Devices:LaneIo:Climate:Address"] = "0x76",
        }).Build();

        var options = configuration.GetSection(LaneIoOptions.SectionName).Get<LaneIoOptions>()!;

        Assert.True(options.Enabled);
        Assert.Equal(LaneIoBoard.Sysfs, options.Board);
        Assert.Equal(6, options.Pins.EStop);
        Assert.Null(options.Pins.BeltRunning);
        Assert.True(options.ActiveLow.StackRed);
        Assert.Equal(InputBias.PullDown, options.Bias.BeltRunning);
        Assert.Equal(TimeSpan.FromSeconds(2), options.SpeedWindow);
        Assert.Equal(CabinetClimateSensorKind.Bme280, options.Climate.Sensor);
        Assert.Equal(0x76, options.Climate.Address);
    }
}
