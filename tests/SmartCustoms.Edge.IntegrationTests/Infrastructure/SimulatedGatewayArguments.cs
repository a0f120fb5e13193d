using System.Globalization;

namespace SmartCustoms.Edge.IntegrationTests.Infrastructure;

/// <summary>Command-line settings that run the gateway with --simulate on free ports, so tests never collide with a running lane.</summary>
public static class SimulatedGatewayArguments
{
    public static List<string> Create(string scenario, int brokerPort, bool embeddedBroker, string? storagePath = null)
    {
        static string Port() => MosquittoFixture.FreePort().ToString(CultureInfo.InvariantCulture);
        var args = new List<string>
        {
            "--simulate", "--scenario", scenario,
            "--Urls=http://127.0.0.1:0",
            "--Simulator:NirPort=" + Port(),
            "--Simulator:SamplerPort=" + Port(),
            "--Simulator:ScalePort=" + Port(),
            "--Simulator:RadiationPort=" + Port(),
            "--Simulator:CameraPort=" + Port(),
            "--Simulator:ControlPort=" + Port(),
            "--Mqtt:Site=itest",
            "--Mqtt:Lane=lane" + Port(),
            "--Acquisition:Nir:SummaryInterval=00:00:02",
            "--Serilog:MinimumLevel:Default=Warning",
        };
        if (embeddedBroker)
        {
            args.Add("--Mqtt:EmbeddedBrokerPort=" + brokerPort.ToString(CultureInfo.InvariantCulture));
        }
        else
        {
            args.Add("--Mqtt:Host=127.0.0.1");
            args.Add("--Mqtt:Port=" + brokerPort.ToString(CultureInfo.InvariantCulture));
        }

        if (storagePath is not null)
        {
            args.Add("--Storage:Path=" + storagePath);
        }

        return args;
    }

    public static string TopicRoot(IEnumerable<string> args) =>
        "sc/v1/itest/" + args.Single(a => a.StartsWith("--Mqtt:Lane=", StringComparison.Ordinal))["--Mqtt:Lane=".Length..];
}
