using SmartCustoms.Drivers.Abstractions;
using SmartCustoms.Drivers.Abstractions.Health;
using SmartCustoms.Drivers.Abstractions.Sampler;
using SmartCustoms.Drivers.Modbus.Sampler;
using SmartCustoms.Drivers.Modbus.Tests.Infrastructure;

namespace SmartCustoms.Drivers.Modbus.Tests.Integration;

/// <summary>The sampler driver over real loopback sockets against the in-test responder acting as the PLC.</summary>
#pragma warning disable CA1001 // xunit disposes the fields through IAsyncLifetime.DisposeAsync.
public sealed class ModbusSamplerControllerTests : IAsyncLifetime
#pragma warning restore CA1001
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);
    private ModbusTestResponder _plc = null!;
    private ModbusSamplerController _sampler = null!;

    public Task InitializeAsync()
    {
        _plc = ModbusTestResponder.Start();
        _plc.HeartbeatRegister = 9;
        _plc.AutoAcknowledge = true;
        _plc.WithRegisters(r =>
        {
            r.Input[1] = 40;
            r.Holding[1] = 40;
            r.Discrete[0] = true;
            r.Discrete[1] = true;
            r.Discrete[3] = true;
        });
        _sampler = NewSampler(TimeSpan.FromSeconds(5));
        return Task.CompletedTask;
    }

    // Generous link timeouts: the build box is shared and loaded; the heartbeat and acknowledge timeouts are what is tested.
    private ModbusSamplerController NewSampler(TimeSpan ackTimeout) => new(
        new ModbusSamplerOptions
        {
            Port = _plc.Port,
            RequestTimeout = TimeSpan.FromSeconds(5),
            ConnectTimeout = TimeSpan.FromSeconds(5),
            PollInterval = TimeSpan.FromMilliseconds(50),
            HeartbeatTimeout = TimeSpan.FromMilliseconds(300),
            AckTimeout = ackTimeout,
        },
        TimeProvider.System);

    public async Task DisposeAsync()
    {
        await _sampler.DisposeAsync();
        await _plc.DisposeAsync();
    }

    [Fact]
    public async Task Take_increment_writes_id_then_command_and_is_accepted_on_the_echoed_sequence()
    {
        var result = await _sampler.TakeIncrementAsync(0x00BC614E, CancellationToken.None);

        Assert.Equal(SamplerCommandOutcome.Accepted, result.Outcome);
        Assert.Equal((ushort)41, result.Sequence);
        Assert.Equal(string.Empty, result.Reason);
        var writes = _plc.WithRegisters(r => r.ReceivedPdus.Where(p => p[0] == 0x10).Select(Convert.ToHexString).ToList());
        // Increment id first (holding 2-3, high word first), then command 1 + sequence 41 in one FC16.
        Assert.Equal(["1000020002040" + "0BC614E", "10000000020400010029"], writes);
        Assert.Equal(DeviceHealthState.Up, _sampler.Health.State);

        var second = await _sampler.HomeAsync(CancellationToken.None);
        Assert.True(second.IsAccepted);
        Assert.Equal((ushort)42, second.Sequence);
    }

    [Fact]
    public async Task Acknowledge_that_never_arrives_is_a_timeout()
    {
        await using var sampler = NewSampler(TimeSpan.FromMilliseconds(300));
        _plc.AutoAcknowledge = false;
        var result = await sampler.TakeIncrementAsync(7, CancellationToken.None);
        Assert.Equal(SamplerCommandOutcome.Timeout, result.Outcome);
        Assert.Equal("sampler did not acknowledge command sequence 41 within 0.3 s (last acknowledged 40)", result.Reason);
        Assert.True(result.Elapsed >= TimeSpan.FromMilliseconds(300));
        Assert.Equal((ushort)41, _plc.WithRegisters(r => r.Holding[1]));

        // The next command uses a new sequence, so a late acknowledge of 41 cannot be mistaken for it.
        _plc.AutoAcknowledge = true;
        var next = await sampler.StopAsync(CancellationToken.None);
        Assert.True(next.IsAccepted);
        Assert.Equal((ushort)42, next.Sequence);
    }

    [Fact]
    public async Task Interlock_not_ok_refuses_without_writing()
    {
        _plc.WithRegisters(r => r.Discrete[3] = false);
        var result = await _sampler.TakeIncrementAsync(7, CancellationToken.None);
        Assert.Equal(SamplerCommandOutcome.Refused, result.Outcome);
        Assert.Equal("belt interlock is not OK", result.Reason);
        Assert.DoesNotContain(_plc.WithRegisters(r => r.ReceivedPdus.ToList()), p => p[0] == 0x10);
    }

    [Fact]
    public async Task Fault_code_is_reported_in_status_refusal_and_health()
    {
        _plc.WithRegisters(r =>
        {
            r.Input[0] = 3;
            r.Input[4] = 17;
        });
        var status = await _sampler.ReadStatusAsync(CancellationToken.None);
        Assert.Equal(SamplerState.Fault, status.State);
        Assert.Equal((ushort)17, status.FaultCode);
        Assert.Equal(DeviceHealthState.Degraded, _sampler.Health.State);
        Assert.Equal("sampler in fault, fault code 17", _sampler.Health.Reason);
        var result = await _sampler.TakeIncrementAsync(1, CancellationToken.None);
        Assert.Contains("fault code 17", result.Reason, StringComparison.Ordinal);
        Assert.True((await _sampler.ResetFaultAsync(CancellationToken.None)).IsAccepted);
    }

    [Fact]
    public async Task Stuck_heartbeat_marks_the_sampler_down_while_the_socket_lives_then_up_again()
    {
        using var polling = new CancellationTokenSource();
        var loop = _sampler.RunPollingAsync(polling.Token);
        await WaitFor.ConditionAsync(() => _sampler.Health.State == DeviceHealthState.Up, Deadline, () => _sampler.Health.ToString());

        _plc.FreezeHeartbeat = true;
        await WaitFor.ConditionAsync(() => _sampler.Health.State == DeviceHealthState.Down, Deadline, () => _sampler.Health.ToString());
        Assert.Matches(@"^heartbeat stuck at \d+ for 0\.3 s$", _sampler.Health.Reason);
        Assert.True(_sampler.Client.IsConnected);
        await Assert.ThrowsAsync<DeviceException>(() => _sampler.TakeIncrementAsync(1, CancellationToken.None));

        _plc.FreezeHeartbeat = false;
        await WaitFor.ConditionAsync(() => _sampler.Health.State == DeviceHealthState.Up, Deadline, () => _sampler.Health.ToString());
        await polling.CancelAsync();
        await loop;
    }

    [Fact]
    public async Task Dropped_connection_goes_down_at_once_and_comes_back_up_without_restart()
    {
        var changes = new List<DeviceHealth>();
        _sampler.HealthChanged += (_, health) =>
        {
            lock (changes)
            {
                changes.Add(health);
            }
        };
        using var polling = new CancellationTokenSource();
        var loop = _sampler.RunPollingAsync(polling.Token);
        await WaitFor.ConditionAsync(() => _sampler.Health.State == DeviceHealthState.Up, Deadline, () => _sampler.Health.ToString());

        await _plc.GoOfflineAsync();
        await WaitFor.ConditionAsync(() => _sampler.Health.State == DeviceHealthState.Down, Deadline, () => _sampler.Health.ToString());
        Assert.Contains("connection", _sampler.Health.Reason, StringComparison.Ordinal);

        _plc.ComeBackOnline();
        await WaitFor.ConditionAsync(() => _sampler.Health.State == DeviceHealthState.Up, Deadline, () => _sampler.Health.ToString());
        await polling.CancelAsync();
        await loop;

        lock (changes)
        {
            var states = changes.Select(c => c.State).ToList();
            var down = states.IndexOf(DeviceHealthState.Down);
            Assert.True(down > 0 && states.Skip(down).Contains(DeviceHealthState.Up), string.Join(", ", changes));
        }

        Assert.True(_plc.AcceptedConnections >= 2);
    }
}
