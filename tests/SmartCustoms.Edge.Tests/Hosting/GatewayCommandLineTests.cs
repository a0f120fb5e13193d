using SmartCustoms.Edge.Hosting;

namespace SmartCustoms.Edge.Tests.Hosting;

public class GatewayCommandLineTests
{
    [Fact]
    public void Simulate_scenario_and_seed_become_configuration_keys()
    {
        var parsed = GatewayCommandLine.Parse(["--simulate", "--scenario", "clean", "--seed", "7", "--Mqtt:Host=b"]);

        Assert.Equal(GatewayCommandLine.RunVerb, parsed.Verb);
        Assert.Equal(
            ["--Simulator:Enabled=true", "--Simulator:Scenario=clean", "--Simulator:Seed=7", "--Mqtt:Host=b"],
            parsed.ConfigurationArgs);
    }

    [Fact]
    public void Classify_verb_keeps_its_arguments()
    {
        var parsed = GatewayCommandLine.Parse(["classify", "--spectrum", "a.csv", "--json"]);

        Assert.Equal(GatewayCommandLine.ClassifyVerb, parsed.Verb);
        Assert.Equal(["--spectrum", "a.csv", "--json"], parsed.VerbArgs);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    public void Help_is_recognised(string flag)
    {
        Assert.Equal(GatewayCommandLine.HelpVerb, GatewayCommandLine.Parse([flag]).Verb);
    }
}
