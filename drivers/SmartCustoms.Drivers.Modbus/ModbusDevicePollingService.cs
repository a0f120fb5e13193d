using Microsoft.Extensions.Hosting;
using SmartCustoms.Drivers.Modbus.BeltScale;
using SmartCustoms.Drivers.Modbus.Radiation;
using SmartCustoms.Drivers.Modbus.Sampler;

namespace SmartCustoms.Drivers.Modbus;

/// <summary>Runs the polling loops of the three Modbus devices for the lifetime of the host.</summary>
internal sealed class ModbusDevicePollingService(
    ModbusSamplerController sampler,
    ModbusBeltScale beltScale,
    ModbusRadiationMonitor radiation) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(
            sampler.RunPollingAsync(stoppingToken),
            beltScale.RunPollingAsync(stoppingToken),
            radiation.RunPollingAsync(stoppingToken));
}
