using System.Diagnostics;
using SmartCustoms.Drivers.Abstractions.Health;
using SmartCustoms.Drivers.Modbus.BeltScale;
using SmartCustoms.Drivers.Modbus.Tests.Infrastructure;

namespace SmartCustoms.Drivers.Modbus.Tests.Integration;

/// <summary>
/// A polled device that stops answering (socket alive) is down at <c>SilenceTimeout</c>, not only after
/// <c>FailuresBeforeDown</c> request timeouts (3 × 2 s here, too late for the 3 s target), and up with the next answer.
/// </summary>
public sealed class ModbusSilenceTests
{
    [Fact]
    public async Task A_stalled_device_being_polled_is_down_at_the_silence_timeout_and_up_with_the_next_answer()
    {
        await using var device = ModbusTestResponder.Start();
        device.HeartbeatRegister = 6;
        var options = new ModbusBeltScaleOptions
        {
            Port = device.Port,
            // Longer than the silence limit, so the watchdog (not a timed-out request closing the link) decides.
            RequestTimeout = TimeSpan.FromSeconds(2),
            PollInterval = TimeSpan.FromMilliseconds(100),
            FailuresBeforeDown = 3,
            HeartbeatTimeout = TimeSpan.FromSeconds(5),
            SilenceTimeout = TimeSpan.FromSeconds(1),
        };
        await using var scale = new ModbusBeltScale(options, TimeProvider.System);
        using var stop = new CancellationTokenSource();
        var polling = scale.RunPollingAsync(stop.Token);
        try
        {
            await WaitFor.ConditionAsync(() => scale.Health.State == DeviceHealthState.Up, TimeSpan.FromSeconds(5), () => scale.Health.ToString());

            device.Stall = true;
            var stalled = Stopwatch.StartNew();
            await WaitFor.ConditionAsync(() => scale.Health.State == DeviceHealthState.Down, TimeSpan.FromSeconds(5), () => scale.Health.ToString());
            var downAfter = stalled.Elapsed;

            // Three timeouts would take 6 s or more; the silence limit is 1 s (+ one check period + scheduling).
            Assert.True(downAfter < TimeSpan.FromSeconds(2.5), $"down after {downAfter.TotalSeconds:0.00} s");
            Assert.Contains("no good answer to the polls for 1.0 s", scale.Health.Reason, StringComparison.Ordinal);

            device.Stall = false;
            await WaitFor.ConditionAsync(() => scale.Health.State == DeviceHealthState.Up, TimeSpan.FromSeconds(5), () => scale.Health.ToString());
        }
        finally
        {
            await stop.CancelAsync();
            await polling;
        }
    }
}
