using System.CommandLine;
using SmartCustoms.Simulators.Cli;

var root = new RootCommand(
    "scsim - SmartCustoms lane simulator for technicians and tests.\n" +
    "Runs simulated lane devices on their real protocols, replays recordings, injects faults, exports training data.\n" +
    "Examples:\n" +
    "  scsim lane --scenario contaminated --seed 7       every device + control API (8090), status table\n" +
    "  scsim sampler                                     the sampler PLC alone (Modbus TCP 1502)\n" +
    "  scsim camera --record belt.avi --seconds 20       write 20 s of the belt camera to a video file\n" +
    "  scsim fault sampler stall 10                      fault a running lane through its control API\n" +
    "  scsim replay spectra.csv                          stream recorded spectra as the NIR spectrometer\n" +
    "  scsim bench                                       spectra/s, frames/s and CPU on this machine\n" +
    "  scsim dataset spectra --seed 1 --count 20000 --out train.csv");
root.Subcommands.Add(LaneCommand.Create());
foreach (var device in LaneCommand.CreateDeviceCommands())
{
    root.Subcommands.Add(device);
}

root.Subcommands.Add(FaultCommand.Create());
root.Subcommands.Add(ReplayCommand.Create());
root.Subcommands.Add(BenchCommand.Create());
root.Subcommands.Add(DatasetCommand.Create());
return await root.Parse(args).InvokeAsync();
