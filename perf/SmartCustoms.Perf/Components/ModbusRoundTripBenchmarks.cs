using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging.Abstractions;
using SmartCustoms.Drivers.Modbus.Protocol;
using SmartCustoms.Simulators.Hosting;

namespace SmartCustoms.Perf.Components;

/// <summary>One Modbus TCP round trip (FC04, 10 input registers) by the driver's client to the simulated sampler PLC over loopback (the simulated NIR always runs too, idle).</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "BenchmarkDotNet owns the instance; [GlobalCleanup] disposes it.")]
public class ModbusRoundTripBenchmarks
{
    private SimulatedLane? _lane;
    private ModbusTcpClient? _client;

    [GlobalSetup]
    public void Setup()
    {
        _lane = SimulatedLane.StartAsync(new SimulatedLaneOptions
        {
            Scenario = "clean", NirPort = 0, SamplerPort = 0, ScalePort = -1, RadiationPort = -1, CameraPort = -1, ControlPort = -1,
        }, NullLoggerFactory.Instance, CancellationToken.None).GetAwaiter().GetResult();
        var endpoint = _lane.SamplerEndpoint!;
        _client = new ModbusTcpClient(new ModbusTcpClientOptions("sampler", "127.0.0.1", endpoint.Port, 1, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(1)), TimeProvider.System);
        _client.ReadInputRegistersAsync(0, 10, CancellationToken.None).GetAwaiter().GetResult();
    }

    [Benchmark]
    public async Task<int> ReadInputRegisters() => (await _client!.ReadInputRegistersAsync(0, 10, CancellationToken.None)).Length;

    [GlobalCleanup]
    public void Cleanup()
    {
        _client?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _lane?.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }
}
