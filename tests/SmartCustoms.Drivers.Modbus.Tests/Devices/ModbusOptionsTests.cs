using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SmartCustoms.Drivers.Abstractions.BeltScale;
using SmartCustoms.Drivers.Abstractions.Radiation;
using SmartCustoms.Drivers.Abstractions.Sampler;
using SmartCustoms.Drivers.Modbus.BeltScale;
using SmartCustoms.Drivers.Modbus.Radiation;
using SmartCustoms.Drivers.Modbus.Sampler;

namespace SmartCustoms.Drivers.Modbus.Tests.Devices;

public sealed class ModbusOptionsTests
{
    [Fact]
    public async Task Defaults_follow_the_contract_ports_and_register_singletons()
    {
        await using var provider = Build([]);
        Assert.Equal(1502, provider.GetRequiredService<IOptions<ModbusSamplerOptions>>().Value.Port);
        Assert.Equal(1503, provider.GetRequiredService<IOptions<ModbusBeltScaleOptions>>().Value.Port);
        Assert.Equal(1504, provider.GetRequiredService<IOptions<ModbusRadiationMonitorOptions>>().Value.Port);
        Assert.Same(provider.GetRequiredService<ISampler>(), provider.GetRequiredService<ISampler>());
        Assert.Same(provider.GetRequiredService<ModbusSamplerController>(), provider.GetRequiredService<ISampler>());
        Assert.Equal("scale", provider.GetRequiredService<IBeltScale>().DeviceName);
        Assert.Equal("radiation", provider.GetRequiredService<IRadiationMonitor>().DeviceName);
        Assert.Equal(TimeSpan.FromSeconds(2), provider.GetRequiredService<IOptions<ModbusSamplerOptions>>().Value.AckTimeout);
    }

    [Fact]
    public async Task Settings_bind_from_their_sections()
    {
        await using var provider = Build(new()
        {
            ["Devices:Sampler:Host"] = "10.1.2.3",
            ["Devices:Sampler:Port"] = "502",
            ["Devices:Sampler:UnitId"] = "7",
            ["Devices:Sampler:AckTimeout"] = "00:00:03",
            ["Devices:BeltScale:PollInterval"] = "00:00:00.5",
            ["Devices:Radiation:FailuresBeforeDown"] = "5",
        });
        var sampler = provider.GetRequiredService<IOptions<ModbusSamplerOptions>>().Value;
        Assert.Equal(("10.1.2.3", 502, 7, TimeSpan.FromSeconds(3)), (sampler.Host, sampler.Port, sampler.UnitId, sampler.AckTimeout));
        Assert.Equal(TimeSpan.FromMilliseconds(500), provider.GetRequiredService<IOptions<ModbusBeltScaleOptions>>().Value.PollInterval);
        Assert.Equal(5, provider.GetRequiredService<IOptions<ModbusRadiationMonitorOptions>>().Value.FailuresBeforeDown);
    }

    [Theory]
    [InlineData("Devices:Sampler:Port", "0", "Devices:Sampler:Port must be 1-65535, got 0")]
    [InlineData("Devices:BeltScale:Port", "70000", "Devices:BeltScale:Port must be 1-65535, got 70000")]
    [InlineData("Devices:Radiation:UnitId", "300", "Devices:Radiation:UnitId must be 0-255, got 300")]
    [InlineData("Devices:Sampler:Host", " ", "Devices:Sampler:Host must not be empty")]
    [InlineData("Devices:Sampler:AckTimeout", "00:00:00", "Devices:Sampler:AckTimeout must be a positive time span")]
    [InlineData("Devices:BeltScale:RequestTimeout", "-00:00:01", "Devices:BeltScale:RequestTimeout must be a positive time span")]
    [InlineData("Devices:Radiation:FailuresBeforeDown", "0", "Devices:Radiation:FailuresBeforeDown must be at least 1, got 0")]
    [InlineData("Devices:Radiation:HeartbeatTimeout", "00:00:00.1", "Devices:Radiation:HeartbeatTimeout (00:00:00.1000000) must be longer than Devices:Radiation:PollInterval")]
    [InlineData("Devices:BeltScale:SilenceTimeout", "00:00:00.1", "Devices:BeltScale:SilenceTimeout (00:00:00.1000000) must be longer than Devices:BeltScale:PollInterval")]
    [InlineData("Devices:Sampler:SilenceTimeout", "00:00:00", "Devices:Sampler:SilenceTimeout must be a positive time span")]
    public void Bad_value_fails_on_start_naming_the_key(string key, string value, string expected)
    {
        using var provider = Build(new() { [key] = value });
        var ex = Assert.Throws<OptionsValidationException>(() => ResolveAll(provider));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    private static void ResolveAll(IServiceProvider provider)
    {
        _ = provider.GetRequiredService<IOptions<ModbusSamplerOptions>>().Value;
        _ = provider.GetRequiredService<IOptions<ModbusBeltScaleOptions>>().Value;
        _ = provider.GetRequiredService<IOptions<ModbusRadiationMonitorOptions>>().Value;
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddModbusDevices();
        return services.BuildServiceProvider();
    }
}
