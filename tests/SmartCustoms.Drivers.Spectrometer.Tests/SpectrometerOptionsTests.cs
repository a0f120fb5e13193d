using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SmartCustoms.Drivers.Abstractions.Spectrometer;
using SmartCustoms.Drivers.Spectrometer.Calibration;
using SmartCustoms.Drivers.Spectrometer.Nir;
using SmartCustoms.Drivers.Spectrometer.Scpi;

namespace SmartCustoms.Drivers.Spectrometer.Tests;

public sealed class SpectrometerOptionsTests
{
    private readonly SpectrometerOptionsValidator _validator = new();

    [Fact]
    public void Defaults_are_valid_and_match_the_contract()
    {
        var options = new SpectrometerOptions();

        Assert.True(_validator.Validate(null, options).Succeeded);
        Assert.Equal(5025, options.Port);
        Assert.Equal(50, options.BurstSize);
        Assert.Equal(3, options.FailuresBeforeDown);
        Assert.Equal(TimeSpan.FromHours(8), options.CalibrationValidity);
        Assert.Equal(2.0, options.MaxTemperatureDriftC);
        Assert.Equal(8 * 1024 * 1024, options.MaxBlockBytes);
        Assert.Equal(32, options.ReferenceScans);
    }

    [Theory]
    [InlineData("Port", 0, "Devices:Nir:Port must be between 1 and 65535, got 0")]
    [InlineData("Port", 70000, "Devices:Nir:Port must be between 1 and 65535, got 70000")]
    [InlineData("BurstSize", 0, "Devices:Nir:BurstSize must be between 1 and 10000, got 0")]
    [InlineData("Averaging", -1, "Devices:Nir:Averaging must be between 1 and 10000, got -1")]
    [InlineData("FailuresBeforeDown", 0, "Devices:Nir:FailuresBeforeDown must be between 1 and 1000, got 0")]
    [InlineData("IntegrationTimeMicroseconds", 0, "Devices:Nir:IntegrationTimeMicroseconds must be between 1 and 10000000, got 0")]
    [InlineData("MaxBlockBytes", 10, "Devices:Nir:MaxBlockBytes must be between 1024 and 268435456, got 10")]
    [InlineData("ReferenceScans", 0, "Devices:Nir:ReferenceScans must be between 1 and 1000, got 0")]
    [InlineData("ReferenceScans", 1001, "Devices:Nir:ReferenceScans must be between 1 and 1000, got 1001")]
    public void Out_of_range_numbers_fail_with_the_key_in_the_message(string key, int value, string expected)
    {
        var options = new SpectrometerOptions();
        typeof(SpectrometerOptions).GetProperty(key)!.SetValue(options, value);

        var result = _validator.Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(expected, result.Failures!);
    }

    [Fact]
    public void Serial_transport_needs_a_port_name()
    {
        var result = _validator.Validate(null, new SpectrometerOptions { Transport = SpectrometerTransport.Serial });

        Assert.Contains("Devices:Nir:SerialPort must be set when Devices:Nir:Transport is serial (e.g. /dev/ttyUSB0)", result.Failures!);
    }

    [Fact]
    public void Silence_and_slow_reply_limits_are_checked_together()
    {
        var result = _validator.Validate(null, new SpectrometerOptions { SilenceTimeout = TimeSpan.Zero, SlowReplyLimit = TimeSpan.FromSeconds(-1) });

        Assert.Contains(result.Failures!, f => f.StartsWith("Devices:Nir:SilenceTimeout must be a positive duration", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.StartsWith("Devices:Nir:SlowReplyLimit must be 0 (off) or shorter than Devices:Nir:SilenceTimeout", StringComparison.Ordinal));
        Assert.False(_validator.Validate(null, new SpectrometerOptions { SlowReplyLimit = TimeSpan.Zero }).Failed);
    }

    [Fact]
    public void Durations_and_drift_must_be_positive()
    {
        var result = _validator.Validate(null, new SpectrometerOptions
        {
            ReplyTimeout = TimeSpan.Zero,
            ConnectTimeout = TimeSpan.FromSeconds(-1),
            CalibrationValidity = TimeSpan.Zero,
            MaxTemperatureDriftC = double.NaN,
        });

        Assert.Contains("Devices:Nir:ReplyTimeout must be a positive duration (e.g. 00:00:02), got 00:00:00", result.Failures!);
        Assert.Contains(result.Failures!, f => f.StartsWith("Devices:Nir:ConnectTimeout", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.StartsWith("Devices:Nir:CalibrationValidity", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.StartsWith("Devices:Nir:MaxTemperatureDriftC", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AddSpectrometer_binds_the_section_and_registers_one_singleton()
    {
        await using var services = Build(new()
        {
            ["Devices:Nir:Host"] = "10.1.2.3",
            ["Devices:Nir:Port"] = "5026",
            ["Devices:Nir:BurstSize"] = "25",
            ["Devices:Nir:ReplyTimeout"] = "00:00:03",
        });

        services.GetRequiredService<IStartupValidator>().Validate();
        var options = services.GetRequiredService<IOptions<SpectrometerOptions>>().Value;
        Assert.Equal("10.1.2.3", options.Host);
        Assert.Equal(5026, options.Port);
        Assert.Equal(25, options.BurstSize);
        Assert.Equal(TimeSpan.FromSeconds(3), options.ReplyTimeout);
        Assert.Same(services.GetRequiredService<ScpiSpectrometer>(), services.GetRequiredService<ISpectrometer>());
        Assert.Same(services.GetRequiredService<ISpectrometer>(), services.GetRequiredService<ISpectrometer>());
        Assert.Equal("tcp://10.1.2.3:5026", services.GetRequiredService<IScpiConnectionFactory>().Endpoint);
        Assert.NotNull(services.GetRequiredService<SpectrometerCalibrator>());
        Assert.Equal(2.0, services.GetRequiredService<CalibrationPolicy>().MaxTemperatureDriftC);
    }

    [Fact]
    public async Task AddSpectrometer_accepts_lower_case_serial_transport()
    {
        await using var services = Build(new()
        {
            ["Devices:Nir:Transport"] = "serial",
            ["Devices:Nir:SerialPort"] = "/dev/ttyUSB0",
            ["Devices:Nir:BaudRate"] = "57600",
        });

        services.GetRequiredService<IStartupValidator>().Validate();
        Assert.Equal("serial:///dev/ttyUSB0@57600", services.GetRequiredService<IScpiConnectionFactory>().Endpoint);
    }

    [Fact]
    public async Task AddSpectrometer_fails_on_start_with_the_key_named()
    {
        await using var services = Build(new() { ["Devices:Nir:Port"] = "0" });

        var ex = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("Devices:Nir:Port must be between 1 and 65535, got 0", ex.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddLogging()
            .AddSpectrometer()
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }
}
