using System.CommandLine;
using SmartCustoms.Simulators.Hosting;
using SmartCustoms.Simulators.World;

namespace SmartCustoms.Simulators.Cli;

/// <summary><c>scsim lane</c> and <c>scsim nir</c>: run the simulated lane or just its NIR spectrometer.</summary>
internal static class LaneCommand
{
    public static Command Create() => Build(
        "lane",
        "Run the simulated lane: the belt world with a scenario and every simulated device on its real protocol\n" +
        "(today: the NIR spectrometer, SCPI over TCP). Prints the endpoints and a status line; Ctrl+C stops.\n" +
        LaneRunner.ConsoleHelp,
        nirOnly: false);

    internal static Command Build(string name, string description, bool nirOnly)
    {
        var scenario = new Option<string>("--scenario") { Description = "Scenario: " + string.Join(" | ", LaneScenarios.Names) + ".", DefaultValueFactory = _ => nirOnly ? LaneScenarios.Contaminated : LaneScenarios.Clean };
        var seed = new Option<int>("--seed") { Description = "Random seed: the same seed gives the same items, ore and spectra.", DefaultValueFactory = _ => 1 };
        var brand = new Option<string?>("--brand") { Description = "Ore brand declared for the lot: " + string.Join(", ", OreBrands.All.Select(b => b.Id)) + " (default pilbara_blend)." };
        var bind = new Option<string>("--bind") { Description = "Address to listen on (0.0.0.0 for every interface).", DefaultValueFactory = _ => "127.0.0.1" };
        var port = new Option<int>(nirOnly ? "--port" : "--nir-port") { Description = "NIR SCPI TCP port (0 = a free port).", DefaultValueFactory = _ => 5025 };
        var lineRate = new Option<double>("--line-rate") { Description = "NIR spectra per second.", DefaultValueFactory = _ => 500 };
        var speed = new Option<double>("--belt-speed") { Description = "Belt speed, m/s.", DefaultValueFactory = _ => 5.0 };
        var itemsPerKm = new Option<double?>("--items-per-km") { Description = "Contaminant items per km of belt (default: the scenario's rate; contaminated = 100)." };
        var verbose = new Option<bool>("--verbose") { Description = "Log connections and command errors." };
        var command = new Command(name, description) { scenario, seed, brand, bind, port, lineRate, speed, itemsPerKm, verbose };
        command.SetAction((parse, ct) =>
        {
            var options = new SimulatedLaneOptions
            {
                Scenario = parse.GetValue(scenario)!,
                Seed = parse.GetValue(seed),
                Brand = parse.GetValue(brand),
                BindAddress = parse.GetValue(bind)!,
                NirPort = parse.GetValue(port),
                NirLineRateHz = parse.GetValue(lineRate),
                BeltSpeedMps = parse.GetValue(speed),
                ItemsPerKm = parse.GetValue(itemsPerKm),
            };
            return LaneRunner.RunAsync(options, parse.GetValue(verbose), ct);
        });
        return command;
    }
}
