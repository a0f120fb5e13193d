using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SmartCustoms.Drivers.Abstractions.BeltScale;
using SmartCustoms.Drivers.Abstractions.Health;
using SmartCustoms.Drivers.Abstractions.Radiation;
using SmartCustoms.Drivers.Abstractions.Sampler;
using SmartCustoms.Drivers.Modbus.Tests.Infrastructure;

namespace SmartCustoms.Drivers.Modbus.Tests.Integration;

/// <summary>AddModbusDevices in a real host: configuration binds, the polling service brings all three devices up.</summary>
public sealed class ModbusHostWiringTests
{
    [Fact]
    public async Task Host_polls_the_three_devices_until_they_are_up_and_stops_cleanly()
    {
        await using var sampler = ModbusTestResponder.Start();
        await using var scale = ModbusTestResponder.Start();
        await using var radiation = ModbusTestResponder.Start();
        sampler.HeartbeatRegister = 9;
        scale.HeartbeatRegister = 6;
        radiation.HeartbeatRegister = 4;

        var builder = Host.CreateApplicationBuilder();
        foreach (var (section, port) in new[] { ("Sampler", sampler.Port), ("BeltScale", scale.Port), ("Radiation", radiation.Port) })
        {
            builder.Configuration[$"Devices:{section}:Port"] = port.ToString(CultureInfo.InvariantCulture);
            builder.Configuration[$"Devices:{section}:PollInterval"] = "00:00:00.05";
        }

        builder.Services.AddModbusDevices();
        using var host = builder.Build();
        await host.StartAsync();
        var devices = new IDeviceHealthSource[]
        {
            host.Services.GetRequiredService<ISampler>(),
            host.Services.GetRequiredService<IBeltScale>(),
            host.Services.GetRequiredService<IRadiationMonitor>(),
        };
        await WaitFor.ConditionAsync(
            () => devices.All(d => d.Health.State == DeviceHealthState.Up),
            TimeSpan.FromSeconds(10),
            () => string.Join("; ", devices.Select(d => d.Health)));
        Assert.NotNull(host.Services.GetRequiredService<IBeltScale>().LastReading);
        Assert.NotNull(host.Services.GetRequiredService<ISampler>().LastStatus);
        await host.StopAsync();
    }
}
