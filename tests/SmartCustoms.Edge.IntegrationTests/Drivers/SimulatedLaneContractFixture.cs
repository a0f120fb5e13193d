using System.Globalization;
using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using SmartCustoms.Simulators.Hosting;
using SmartCustoms.Simulators.World;

namespace SmartCustoms.Edge.IntegrationTests.Drivers;

/// <summary>
/// The lane simulator on free loopback ports (all devices, no control API), shared by the contract tests of one
/// class; each test builds the real driver pointed at the simulator's endpoint through the driver's own Add… extension.
/// </summary>
public sealed class SimulatedLaneContractFixture : IAsyncLifetime
{
    public SimulatedLane Lane { get; private set; } = null!;

    public SimulatedLaneOptions Options { get; } = new()
    {
        Scenario = LaneScenarios.Clean,
        Seed = 5,
        NirPort = 0,
        SamplerPort = 0,
        ScalePort = 0,
        RadiationPort = 0,
        CameraPort = 0,
        ControlPort = -1,
    };

    public async Task InitializeAsync() =>
        Lane = await SimulatedLane.StartAsync(Options, NullLoggerFactory.Instance, CancellationToken.None);

    public async Task DisposeAsync() => await Lane.DisposeAsync();

    /// <summary>A service provider with logging, the given settings and the drivers the caller adds.</summary>
    public static ServiceProvider Services(Dictionary<string, string?> settings, Action<IServiceCollection> add)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        add(services);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    public static Dictionary<string, string?> Address(string section, IPEndPoint? endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        return new Dictionary<string, string?>
        {
            [section + ":Host"] = endpoint.Address.ToString(),
            [section + ":Port"] = endpoint.Port.ToString(CultureInfo.InvariantCulture),
        };
    }
}
