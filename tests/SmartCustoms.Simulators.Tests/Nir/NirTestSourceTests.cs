using System.Buffers.Binary;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using SmartCustoms.Simulators.Faults;
using SmartCustoms.Simulators.Hosting;
using SmartCustoms.Simulators.Nir;
using SmartCustoms.Simulators.World;

namespace SmartCustoms.Simulators.Tests.Nir;

/// <summary>
/// The NIR throughput test source (<c>--nir-test-source</c>): banked clean-lane spectra at 1,000 µs quality served
/// at line rates an instrument cannot reach, with fresh sequence numbers; not an instrument (perf/README.md).
/// </summary>
public class NirTestSourceTests
{
    private const int Bank = 64;

    private static (NirInstrument Nir, FakeTimeProvider Time) Create(double lineRateHz, int testSourceSpectra)
    {
        var time = new FakeTimeProvider();
        var world = new LaneWorld(LaneScenarios.Create(LaneScenarios.Clean), 3);
        var clock = new LaneClock(time);
        var options = new NirSimulatorOptions { Port = 0, LineRateHz = lineRateHz, TestSourceSpectra = testSourceSpectra };
        return (new NirInstrument(world, clock, options, new DeviceFaultInjector("nir", time, world, clock)), time);
    }

    [Fact]
    public void Serves_the_line_rate_without_the_exposure_limit_at_the_default_integration()
    {
        var (nir, time) = Create(50_000, Bank);
        time.Advance(TimeSpan.FromMilliseconds(10));
        var first = nir.NextSequence();
        time.Advance(TimeSpan.FromSeconds(1));

        Assert.True(nir.IsTestSource);
        Assert.Equal(1000, nir.IntegrationUs);
        Assert.Equal(50_000, nir.EffectiveLineRateHz, 6);
        Assert.InRange(nir.NextSequence() - first, 49_999UL, 50_001UL);
    }

    [Fact]
    public void Spectra_come_from_the_bank_in_turn_with_fresh_sequence_numbers_and_times()
    {
        var (nir, time) = Create(20_000, Bank);
        time.Advance(TimeSpan.FromSeconds(1));
        var a = nir.Get(5);
        var b = nir.Get(5 + Bank);
        var c = nir.Get(6);

        Assert.Same(a.Counts, b.Counts);       // the bank repeats every Bank spectra …
        Assert.NotEqual(a.Counts, c.Counts);   // … and its entries differ (noise, ore)
        Assert.Equal(5UL + Bank, b.Sequence);
        Assert.Equal(Bank * 50L, b.DeviceTimeMicroseconds - a.DeviceTimeMicroseconds); // 20,000/s = 50 µs apart
    }

    [Fact]
    public void Banked_spectra_look_like_the_instruments_own_clean_spectra_at_the_same_setting()
    {
        var (source, sourceTime) = Create(20_000, Bank);
        var (instrument, instrumentTime) = Create(500, 0);
        sourceTime.Advance(TimeSpan.FromSeconds(1));
        instrumentTime.Advance(TimeSpan.FromSeconds(1));
        double Mean(NirInstrument nir) => Enumerable.Range(0, 32).Average(i => nir.Get((ulong)i).Counts.Average(x => (double)x));

        var banked = Mean(source);
        var real = Mean(instrument);

        Assert.InRange(banked / real, 0.85, 1.15);
        Assert.All(source.Get(3).Counts, x => Assert.True(float.IsFinite(x) && x is > 0 and < 65_535));
    }

    [Fact]
    public void The_bank_follows_a_change_of_integration_time()
    {
        var (nir, time) = Create(20_000, Bank);
        time.Advance(TimeSpan.FromMilliseconds(10));
        var before = nir.Get(nir.NextSequence() - 1).Counts.Average(x => (double)x);
        nir.SetIntegration(500);
        time.Advance(TimeSpan.FromMilliseconds(10));
        var after = nir.Get(nir.NextSequence() - 1).Counts.Average(x => (double)x);

        Assert.Equal(20_000, nir.EffectiveLineRateHz, 6);
        Assert.True(after < before * 0.75, $"mean counts {after} at 500 µs should be well below {before} at 1,000 µs");
    }

    [Theory]
    [InlineData(50_000, 0, "Nir:LineRateHz must be >0 and <=10000, got 50000.")]
    [InlineData(250_000, 16, "Nir:LineRateHz must be >0 and <=200000 (throughput test source), got 250000.")]
    [InlineData(500, -1, "Nir:TestSourceSpectra must be 0 (instrument) or 1-65536 (throughput test source), got -1.")]
    public void Settings_name_the_key(double lineRate, int testSource, string expected)
    {
        Assert.Equal(expected, new NirSimulatorOptions { LineRateHz = lineRate, TestSourceSpectra = testSource }.Validate());
    }

    [Fact]
    public void Lane_settings_allow_a_fast_line_only_with_the_test_source()
    {
        Assert.Contains(new SimulatedLaneOptions { NirLineRateHz = 40_000 }.Validate(), p => p.Contains("NirLineRateHz must be >0 and <=10000", StringComparison.Ordinal));
        Assert.DoesNotContain(new SimulatedLaneOptions { NirLineRateHz = 40_000, NirTestSourceSpectra = 1024 }.Validate(), p => p.Contains("NirLineRateHz", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Over_SCPI_a_reader_gets_gapless_bursts_at_a_line_rate_no_instrument_reaches()
    {
        // A ring of 2^20 spectra (26 s at 40,000/s; the test source keeps none of them in memory): a reader starved on
        // a loaded CI box must not lose spectra to the ring, so the gapless check below cannot flake.
        var time = TimeProvider.System;
        var world = new LaneWorld(LaneScenarios.Create(LaneScenarios.Clean), 3);
        var clock = new LaneClock(time);
        var options = new NirSimulatorOptions { Port = 0, LineRateHz = 40_000, TestSourceSpectra = 256, RingCapacity = 1 << 20 };
        var instrument = new NirInstrument(world, clock, options, new DeviceFaultInjector("nir", time, world, clock));
        await using var simulator = new NirSimulator(instrument, options, NullLogger<NirSimulator>.Instance, time);
        await simulator.StartAsync(CancellationToken.None);
        await using var client = await ScpiTestClient.ConnectAsync(simulator.Endpoint);
        await client.SendAsync("CONF:INT 1000");
        Assert.Equal("1000", await client.QueryAsync("CONF:INT?"));

        const int Burst = 1000;
        const int Record = 20 + (256 * 4);
        var sequences = new List<ulong>();
        var times = new List<long>();
        for (int b = 0; b < 8; b++)
        {
            await client.SendAsync("FETC:BURS? " + Burst.ToString(System.Globalization.CultureInfo.InvariantCulture));
            byte[] block = await client.ReadBlockAsync();
            Assert.Equal(Burst * Record, block.Length);
            for (int k = 0; k < Burst; k++)
            {
                var r = block.AsSpan(k * Record);
                sequences.Add(BinaryPrimitives.ReadUInt64LittleEndian(r));
                times.Add(BinaryPrimitives.ReadInt64LittleEndian(r[8..]));
            }
        }

        // Device times 25 µs apart at 1,000 µs integration: the instrument would space them 1,040 µs (961/s at most).
        // No wall-clock bound: on a loaded CI box the reader itself may be starved.
        for (int i = 1; i < sequences.Count; i++)
        {
            Assert.Equal(sequences[i - 1] + 1, sequences[i]);
            Assert.InRange(times[i] - times[i - 1], 24, 26); // 40,000/s = 25 µs apart (device time truncated to µs)
        }
    }
}
