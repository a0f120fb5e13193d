using System.CommandLine;
using SmartCustoms.Simulators.Cli;

var root = new RootCommand(
    "scsim - SmartCustoms lane simulator for technicians and tests.\n" +
    "Runs simulated lane devices on their real protocols and exports simulated training data.\n" +
    "Examples:\n" +
    "  scsim lane --scenario contaminated --seed 7\n" +
    "  scsim nir --port 5025\n" +
    "  scsim dataset spectra --seed 1 --count 20000 --out train.csv");
root.Subcommands.Add(LaneCommand.Create());
root.Subcommands.Add(NirCommand.Create());
root.Subcommands.Add(DatasetCommand.Create());
return await root.Parse(args).InvokeAsync();
