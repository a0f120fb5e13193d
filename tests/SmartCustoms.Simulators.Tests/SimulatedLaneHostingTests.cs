using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SmartCustoms.Simulators.Hosting;

namespace SmartCustoms.Simulators.Tests;

public class SimulatedLaneHostingTests
{
    private static IHost Build(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddSimulatedLane();
        return builder.Build();
    }

    [Fact]
    public async Task AddSimulatedLane_starts_the_lane_from_configuration_and_stops_it()
    {
        using var host = Build(new() { ["Simulator:NirPort"] = "0", ["Simulator:SamplerPort"] = "0", ["Simulator:ScalePort"] = "0", ["Simulator:RadiationPort"] = "0", ["Simulator:CameraPort"] = "0", ["Simulator:ControlPort"] = "0", ["Simulator:Scenario"] = "mismatch", ["Simulator:Seed"] = "4" });
        await host.StartAsync();
        var lane = host.Services.GetRequiredService<SimulatedLaneService>().Lane;
        Assert.NotNull(lane);
        Assert.Equal("mismatch", lane.World.Scenario.Name);
        var endpoint = lane.NirEndpoint;
        await using (var client = await ScpiTestClient.ConnectAsync(endpoint))
        {
            Assert.Equal(4, (await client.QueryAsync("*IDN?")).Split(',').Length);
        }

        await host.StopAsync();
        Assert.Null(host.Services.GetRequiredService<SimulatedLaneService>().Lane);
        await Assert.ThrowsAsync<System.Net.Sockets.SocketException>(async () => await ScpiTestClient.ConnectAsync(endpoint));
    }

    [Fact]
    public async Task A_bad_setting_stops_the_host_at_start_naming_the_key()
    {
        using var host = Build(new() { ["Simulator:NirPort"] = "0", ["Simulator:Scenario"] = "sunny" });
        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.Contains("Simulator:Scenario", ex.Message, StringComparison.Ordinal);
    }
}
