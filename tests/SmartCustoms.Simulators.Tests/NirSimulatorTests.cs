using System.Buffers.Binary;
using System.Net.Sockets;
using Microsoft.Extensions.Logging.Abstractions;
using SmartCustoms.Simulators.Hosting;
using SmartCustoms.Simulators.World;

namespace SmartCustoms.Simulators.Tests;

/// <summary>The NIR simulator over a real TCP socket on 127.0.0.1 (free port).</summary>
public sealed class NirSimulatorTests : IAsyncLifetime
{
    private SimulatedLane _lane = null!;

    public async Task InitializeAsync() =>
        _lane = await SimulatedLane.StartAsync(
            new SimulatedLaneOptions { Scenario = LaneScenarios.Contaminated, Seed = 3, NirPort = 0, SamplerPort = -1, ScalePort = -1, RadiationPort = -1, CameraPort = -1, ControlPort = -1 },
            NullLoggerFactory.Instance,
            CancellationToken.None);

    public async Task DisposeAsync() => await _lane.DisposeAsync();

    [Fact]
    public async Task Identify_answers_maker_model_serial_firmware()
    {
        await using var client = await ScpiTestClient.ConnectAsync(_lane.NirEndpoint);
        string idn = await client.QueryAsync("*IDN?");
        string[] parts = idn.Split(',');
        Assert.Equal(4, parts.Length);
        Assert.All(parts, p => Assert.False(string.IsNullOrWhiteSpace(p)));
        Assert.Equal("256", await client.QueryAsync("SENS:PIX?"));
    }

    [Fact]
    public async Task Wavelength_axis_has_256_ascending_values_from_1000_to_2000_nm()
    {
        await using var client = await ScpiTestClient.ConnectAsync(_lane.NirEndpoint);
        var axis = (await client.QueryAsync("SENS:WAV?")).Split(',').Select(s => double.Parse(s, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(256, axis.Length);
        Assert.Equal(1000, axis[0], 3);
        Assert.Equal(2000, axis[^1], 3);
        Assert.True(axis.Zip(axis.Skip(1)).All(p => p.Second > p.First));
    }

    [Fact]
    public async Task Measure_returns_a_definite_length_block_of_256_floats()
    {
        await using var client = await ScpiTestClient.ConnectAsync(_lane.NirEndpoint);
        await client.SendAsync("MEAS:SPEC?");
        byte[] block = await client.ReadBlockAsync();
        Assert.Equal(256 * 4, block.Length);
        var counts = ScpiTestClient.Floats(block);
        Assert.All(counts, c => Assert.InRange(c, 500f, 65535f));
    }

    [Fact]
    public async Task Bursts_carry_gapless_increasing_sequence_numbers_and_device_times()
    {
        await using var client = await ScpiTestClient.ConnectAsync(_lane.NirEndpoint);
        var headers = new List<(ulong Seq, long Us, float Temp)>();
        for (int b = 0; b < 3; b++)
        {
            await client.SendAsync("FETC:BURS? 25");
            byte[] block = await client.ReadBlockAsync();
            const int record = 20 + (256 * 4);
            Assert.Equal(25 * record, block.Length);
            for (int k = 0; k < 25; k++)
            {
                var r = block.AsSpan(k * record);
                headers.Add((BinaryPrimitives.ReadUInt64LittleEndian(r), BinaryPrimitives.ReadInt64LittleEndian(r[8..]), BinaryPrimitives.ReadSingleLittleEndian(r[16..])));
            }
        }

        for (int i = 1; i < headers.Count; i++)
        {
            Assert.Equal(headers[i - 1].Seq + 1, headers[i].Seq);
            Assert.Equal(2000, headers[i].Us - headers[i - 1].Us);   // 500 spectra/s
        }

        Assert.All(headers, h => Assert.InRange(h.Temp, -12f, -8f));
    }

    [Fact]
    public async Task Unknown_command_is_reported_as_minus_113_by_SYST_ERR()
    {
        await using var client = await ScpiTestClient.ConnectAsync(_lane.NirEndpoint);
        await client.SendAsync("FOO:BAR");
        Assert.Equal("-113,\"Undefined header\"", await client.QueryAsync("SYST:ERR?"));
        Assert.Equal("0,\"No error\"", await client.QueryAsync("SYST:ERR?"));
    }

    [Fact]
    public async Task Too_large_burst_and_bad_settings_are_out_of_range()
    {
        await using var client = await ScpiTestClient.ConnectAsync(_lane.NirEndpoint);
        await client.SendAsync("FETC:BURS? 100000");
        await client.SendAsync("CONF:INT 0");
        await client.SendAsync("CONF:AVG many");
        Assert.Equal("-222,\"Data out of range\"", await client.QueryAsync("SYST:ERR?"));
        Assert.Equal("-222,\"Data out of range\"", await client.QueryAsync("SYST:ERR?"));
        Assert.Equal("-104,\"Data type error\"", await client.QueryAsync("SYST:ERR?"));
    }

    [Fact]
    public async Task Settings_are_applied_and_reset()
    {
        await using var client = await ScpiTestClient.ConnectAsync(_lane.NirEndpoint);
        await client.SendAsync("CONF:INT 1500");
        await client.SendAsync("CONF:AVG 2");
        Assert.Equal("1500", await client.QueryAsync("CONF:INT?"));
        Assert.Equal("2", await client.QueryAsync("CONF:AVG?"));
        await client.SendAsync("*RST");
        Assert.Equal("1000", await client.QueryAsync("CONF:INT?"));
        Assert.Equal("1", await client.QueryAsync("CONF:AVG?"));
    }

    [Fact]
    public async Task White_reference_is_brighter_than_dark_reference()
    {
        await using var client = await ScpiTestClient.ConnectAsync(_lane.NirEndpoint);
        await client.SendAsync("CAL:DARK?");
        var dark = ScpiTestClient.Floats(await client.ReadBlockAsync());
        await client.SendAsync("CAL:WHITE?");
        var white = ScpiTestClient.Floats(await client.ReadBlockAsync());
        Assert.Equal(256, dark.Length);
        Assert.All(Enumerable.Range(0, 256), i => Assert.True(white[i] > dark[i] + 5000));
    }

    [Fact]
    public async Task Two_clients_are_served_at_the_same_time()
    {
        await using var a = await ScpiTestClient.ConnectAsync(_lane.NirEndpoint);
        await using var b = await ScpiTestClient.ConnectAsync(_lane.NirEndpoint);
        await a.SendAsync("FETC:BURS? 50");
        Assert.Equal(4, (await b.QueryAsync("*IDN?")).Split(',').Length);
        Assert.Equal(50 * 1044, (await a.ReadBlockAsync()).Length);
    }
}
