using SmartCustoms.Drivers.Abstractions;
using SmartCustoms.Drivers.Abstractions.BeltScale;
using SmartCustoms.Drivers.Abstractions.Health;
using SmartCustoms.Drivers.Abstractions.Radiation;
using SmartCustoms.Drivers.Modbus.BeltScale;
using SmartCustoms.Drivers.Modbus.Radiation;
using SmartCustoms.Drivers.Modbus.Tests.Infrastructure;

namespace SmartCustoms.Drivers.Modbus.Tests.Integration;

public sealed class ModbusBeltScaleAndRadiationTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Belt_scale_reads_the_contract_map_over_the_wire()
    {
        await using var device = ModbusTestResponder.Start();
        device.HeartbeatRegister = 6;
        device.WithRegisters(r =>
        {
            r.Input[0] = 0x0001;
            r.Input[1] = 0x3885;
            r.Input[2] = 0x0012;
            r.Input[3] = 0xD687;
            r.Input[4] = 4750;
            r.Input[5] = 0b01;
        });
        await using var scale = new ModbusBeltScale(Options<ModbusBeltScaleOptions>(device.Port), TimeProvider.System);
        BeltScaleReading? raised = null;
        scale.ReadingReceived += (_, reading) => raised = reading;

        var reading = await scale.ReadAsync(CancellationToken.None);

        Assert.Equal(8000.5, reading.FlowTonnesPerHour, 6);
        Assert.Equal(123456.7, reading.TotaliserTonnes, 6);
        Assert.Equal(4.75, reading.BeltSpeedMetresPerSecond, 6);
        Assert.True(reading.Running);
        Assert.False(reading.Fault);
        Assert.Same(reading, scale.LastReading);
        Assert.Same(reading, raised);
        Assert.Equal(DeviceHealthState.Up, scale.Health.State);
        Assert.Equal(Hex.Bytes("04 0000 0007"), device.WithRegisters(r => r.ReceivedPdus.Single()));
    }

    [Fact]
    public async Task Belt_scale_with_a_stuck_heartbeat_is_down_then_up()
    {
        await using var device = ModbusTestResponder.Start();
        device.HeartbeatRegister = 6;
        device.FreezeHeartbeat = true;
        await using var scale = new ModbusBeltScale(Options<ModbusBeltScaleOptions>(device.Port), TimeProvider.System);
        using var polling = new CancellationTokenSource();
        var loop = scale.RunPollingAsync(polling.Token);

        await WaitFor.ConditionAsync(() => scale.Health.State == DeviceHealthState.Down && scale.Health.Reason.StartsWith("heartbeat", StringComparison.Ordinal), Deadline, () => scale.Health.ToString());
        Assert.Equal("heartbeat stuck at 0 for 0.3 s", scale.Health.Reason);
        await Assert.ThrowsAsync<DeviceException>(() => scale.ReadAsync(CancellationToken.None));

        device.FreezeHeartbeat = false;
        await WaitFor.ConditionAsync(() => scale.Health.State == DeviceHealthState.Up, Deadline, () => scale.Health.ToString());
        await polling.CancelAsync();
        await loop;
    }

    [Fact]
    public async Task Radiation_monitor_reads_the_contract_map_and_degrades_on_a_detector_fault()
    {
        await using var device = ModbusTestResponder.Start();
        device.HeartbeatRegister = 4;
        device.WithRegisters(r =>
        {
            r.Input[0] = 0x0000;
            r.Input[1] = 950;
            r.Input[2] = 110;
            r.Input[3] = 1;
        });
        await using var monitor = new ModbusRadiationMonitor(Options<ModbusRadiationMonitorOptions>(device.Port), TimeProvider.System);

        var reading = await monitor.ReadAsync(CancellationToken.None);
        Assert.Equal(950u, reading.DoseRateNanosievertPerHour);
        Assert.Equal((ushort)110, reading.BackgroundNanosievertPerHour);
        Assert.Equal(RadiationAlarmState.Warning, reading.AlarmState);
        Assert.True(reading.DetectorOk);
        Assert.Equal(DeviceHealthState.Up, monitor.Health.State);

        device.WithRegisters(r => r.Input[5] = 4);
        await monitor.ReadAsync(CancellationToken.None);
        Assert.Equal(DeviceHealthState.Degraded, monitor.Health.State);
        Assert.Equal("detector status 4 (not OK)", monitor.Health.Reason);
    }

    [Fact]
    public async Task Radiation_monitor_goes_down_after_three_timeouts_not_one()
    {
        await using var device = ModbusTestResponder.Start();
        device.HeartbeatRegister = 4;
        await using var monitor = new ModbusRadiationMonitor(Options<ModbusRadiationMonitorOptions>(device.Port, requestTimeoutSeconds: 1), TimeProvider.System);
        await monitor.ReadAsync(CancellationToken.None);

        device.Stall = true;
        await Assert.ThrowsAsync<SmartCustoms.Drivers.Modbus.Protocol.ModbusTimeoutException>(() => monitor.ReadAsync(CancellationToken.None));
        await Assert.ThrowsAsync<SmartCustoms.Drivers.Modbus.Protocol.ModbusTimeoutException>(() => monitor.ReadAsync(CancellationToken.None));
        Assert.Equal(DeviceHealthState.Up, monitor.Health.State);
        await Assert.ThrowsAsync<SmartCustoms.Drivers.Modbus.Protocol.ModbusTimeoutException>(() => monitor.ReadAsync(CancellationToken.None));
        Assert.Equal(DeviceHealthState.Down, monitor.Health.State);
        Assert.Contains("no complete response", monitor.Health.Reason, StringComparison.Ordinal);

        device.Stall = false;
        await monitor.ReadAsync(CancellationToken.None);
        Assert.Equal(DeviceHealthState.Up, monitor.Health.State);
    }

    [Fact]
    public async Task Radiation_alarm_state_outside_the_map_counts_as_a_failed_read()
    {
        await using var device = ModbusTestResponder.Start();
        device.HeartbeatRegister = 4;
        device.WithRegisters(r => r.Input[3] = 7);
        await using var monitor = new ModbusRadiationMonitor(Options<ModbusRadiationMonitorOptions>(device.Port), TimeProvider.System);
        for (var i = 0; i < 3; i++)
        {
            await Assert.ThrowsAsync<ProtocolException>(() => monitor.ReadAsync(CancellationToken.None));
        }

        Assert.Equal(DeviceHealthState.Down, monitor.Health.State);
        Assert.Contains("alarm state register holds 7", monitor.Health.Reason, StringComparison.Ordinal);
        Assert.Null(monitor.LastReading);
    }

    // Generous link timeouts (the build box is shared and loaded) unless the request timeout is what is tested.
    private static T Options<T>(int port, double requestTimeoutSeconds = 5)
        where T : SmartCustoms.Drivers.Modbus.Devices.ModbusDeviceOptions, new() =>
        new()
        {
            Port = port,
            RequestTimeout = TimeSpan.FromSeconds(requestTimeoutSeconds),
            ConnectTimeout = TimeSpan.FromSeconds(5),
            PollInterval = TimeSpan.FromMilliseconds(50),
            HeartbeatTimeout = TimeSpan.FromMilliseconds(300),
        };
}
