using Microsoft.Extensions.Logging.Abstractions;
using SmartCustoms.Simulators.Hosting;
using SmartCustoms.Simulators.World;

namespace SmartCustoms.Simulators.Tests.Modbus;

/// <summary>
/// The sampler, belt scale and radiation monitor over real sockets, driven by the real client mbpoll
/// (1-based reference numbers: -t 4 holding, -t 3 input registers, -t 1 discrete inputs).
/// </summary>
public sealed class ModbusDevicesMbpollTests : IAsyncLifetime
{
    private SimulatedLane _lane = null!;

    public async Task InitializeAsync() => _lane = await SimulatedLane.StartAsync(
        new SimulatedLaneOptions { Scenario = LaneScenarios.Contaminated, Seed = 11, NirPort = 0, SamplerPort = 0, ScalePort = 0, RadiationPort = 0, CameraPort = -1, ControlPort = -1 },
        NullLoggerFactory.Instance,
        CancellationToken.None);

    public async Task DisposeAsync() => await _lane.DisposeAsync();

    [MbpollFact]
    public async Task A_command_word_written_with_mbpoll_causes_a_cut_that_shows_in_the_counters()
    {
        // Wait until the belt interlock closes (the belt ramps up from standstill at lane start).
        await WaitForAsync(async () => Mbpoll.Values((await Mbpoll.RunAsync(_lane.SamplerEndpoint!, "-a", "1", "-t", "1", "-r", "1", "-c", "4")).Stdout) is { } d && d[1] == 1 && d[4] == 1);

        // Holding 1..4 = command 1 (take increment), sequence 7, increment id 0x0001_0002 (FC16).
        var write = await Mbpoll.RunAsync(_lane.SamplerEndpoint!, "-a", "1", "-t", "4", "-r", "1", "--values", "1", "7", "1", "2");
        Assert.True(write.ExitCode == 0, write.ToString());
        Assert.Contains("Written 4 references", write.Stdout, StringComparison.Ordinal);

        Dictionary<int, long> inputs = [];
        await WaitForAsync(async () =>
        {
            inputs = Mbpoll.Values((await Mbpoll.RunAsync(_lane.SamplerEndpoint!, "-a", "1", "-t", "3", "-r", "1", "-c", "11")).Stdout);
            return inputs.Count == 11 && inputs[4] == 1 && inputs[1] == 0; // increments completed (low word) = 1, idle again
        });
        Assert.Equal(7, inputs[2]);               // last accepted sequence
        Assert.Equal(0, inputs[3]);               // increments completed, high word
        Assert.Equal(0, inputs[5]);               // no fault
        Assert.Equal(1, inputs[7]);               // last increment id, high word
        Assert.Equal(2, inputs[8]);               // low word
        var cut = Assert.Single(_lane.World.Increments.Snapshot());
        Assert.Equal(0x0001_0002u, cut.IncrementId);
        Assert.Equal((long)Math.Round(cut.MassKg * 10), inputs[6]);
        Assert.InRange(inputs[6], 1, 5600);       // ≤ 555.6 kg: flow is lower while the belt ramps up

        // Read back with 32-bit decoding, high word first (-B): increments completed = 1.
        var counters = Mbpoll.Values((await Mbpoll.RunAsync(_lane.SamplerEndpoint!, "-a", "1", "-t", "3:int", "-B", "-r", "3", "-c", "1")).Stdout);
        Assert.Equal(1, counters[3]);
    }

    [MbpollFact]
    public async Task Sampler_rejects_an_unknown_command_and_an_address_outside_its_map()
    {
        var bad = await Mbpoll.RunAsync(_lane.SamplerEndpoint!, "-a", "1", "-t", "4", "-r", "1", "--values", "9");
        Assert.NotEqual(0, bad.ExitCode);
        Assert.Contains("Illegal data value", bad.All, StringComparison.Ordinal);

        var outside = await Mbpoll.RunAsync(_lane.SamplerEndpoint!, "-a", "1", "-t", "3", "-r", "12", "-c", "1");
        Assert.Contains("Illegal data address", outside.All, StringComparison.Ordinal);
    }

    [MbpollFact]
    public async Task Belt_scale_reports_flow_totaliser_speed_status_and_a_running_heartbeat()
    {
        Dictionary<int, long> r = [];
        await WaitForAsync(async () =>
        {
            r = Mbpoll.Values((await Mbpoll.RunAsync(_lane.ScaleEndpoint!, "-a", "1", "-t", "3", "-r", "1", "-c", "7")).Stdout);
            return r.Count == 7 && r[5] > 1000;
        });
        double speedMps = r[5] / 1000.0;
        double flowTph = ((r[1] << 16) | r[2]) / 10.0;
        Assert.InRange(flowTph, 8000 * speedMps / 5 * 0.97, 8000 * speedMps / 5 * 1.03);
        Assert.Equal(1, r[6] & 1); // running
        long heartbeat = r[7];
        await WaitForAsync(async () => Mbpoll.Values((await Mbpoll.RunAsync(_lane.ScaleEndpoint!, "-a", "1", "-t", "3", "-r", "7")).Stdout)[7] != heartbeat);

        var totals = Mbpoll.Values((await Mbpoll.RunAsync(_lane.ScaleEndpoint!, "-a", "1", "-t", "3:int", "-B", "-r", "3", "-c", "1")).Stdout);
        Assert.InRange(totals[3], 0, 80_000);
    }

    [MbpollFact]
    public async Task Radiation_monitor_reads_background_dose_normal_state_and_ok_detector()
    {
        var r = Mbpoll.Values((await Mbpoll.RunAsync(_lane.RadiationEndpoint!, "-a", "1", "-t", "3", "-r", "1", "-c", "6")).Stdout);
        Assert.Equal(6, r.Count);
        Assert.Equal(0, r[1]);              // dose high word
        Assert.InRange(r[2], 55, 105);      // 80 nSv/h ± 6 σ
        Assert.Equal(80, r[3]);
        Assert.Equal(0, r[4]);
        Assert.Equal(0, r[6]);
    }

    [MbpollFact]
    public async Task Faults_show_to_mbpoll_as_exceptions_stuck_heartbeats_and_refused_connections()
    {
        _lane.Faults("radiation").Inject(DeviceFaultKind.ModbusException, TimeSpan.FromSeconds(30));
        var failing = await Mbpoll.RunAsync(_lane.RadiationEndpoint!, "-a", "1", "-t", "3", "-r", "1", "-c", "6");
        Assert.Contains("failure", failing.All, StringComparison.OrdinalIgnoreCase);
        _lane.Faults("radiation").Clear();

        _lane.Faults("scale").Inject(DeviceFaultKind.StuckHeartbeat, TimeSpan.FromSeconds(30));
        long first = Mbpoll.Values((await Mbpoll.RunAsync(_lane.ScaleEndpoint!, "-a", "1", "-t", "3", "-r", "7")).Stdout)[7];
        double until = _lane.Clock.ElapsedSeconds + 0.3;
        await WaitForAsync(() => Task.FromResult(_lane.Clock.ElapsedSeconds > until));
        Assert.Equal(first, Mbpoll.Values((await Mbpoll.RunAsync(_lane.ScaleEndpoint!, "-a", "1", "-t", "3", "-r", "7")).Stdout)[7]);

        _lane.Faults("sampler").Inject(DeviceFaultKind.Disconnect, TimeSpan.FromSeconds(30));
        await WaitForAsync(async () => (await Mbpoll.RunAsync(_lane.SamplerEndpoint!, "-a", "1", "-t", "3", "-r", "1")).ExitCode != 0);
        _lane.Faults("sampler").Clear();
        await WaitForAsync(async () => (await Mbpoll.RunAsync(_lane.SamplerEndpoint!, "-a", "1", "-t", "3", "-r", "1")).ExitCode == 0);
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met within 15 s");
            await Task.Delay(50);
        }
    }
}
