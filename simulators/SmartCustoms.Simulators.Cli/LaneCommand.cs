using System.CommandLine;
using SmartCustoms.Simulators.Hosting;
using SmartCustoms.Simulators.World;

namespace SmartCustoms.Simulators.Cli;

/// <summary><c>scsim lane</c> and the one-device commands (<c>nir</c>, <c>sampler</c>, <c>scale</c>, <c>radiation</c>, <c>camera</c>).</summary>
internal static class LaneCommand
{
    public static Command Create() => Build(
        "lane",
        "Run the whole simulated lane: the belt world with a scenario, every device on its real protocol\n" +
        "(NIR SCPI/TCP 5025, camera MJPEG/HTTP 8081, sampler PLC Modbus 1502, belt scale 1503, radiation monitor 1504)\n" +
        "and the control/ground-truth API on 8090. Prints the endpoints and a status table; Ctrl+C stops.\n" +
        LaneRunner.ConsoleHelp,
        LaneDevices.All);

    public static IEnumerable<Command> CreateDeviceCommands()
    {
        yield return Build(
            "nir",
            "Run the NIR spectrometer simulator alone (SCPI over raw TCP, newline-terminated commands:\n" +
            "*IDN? *RST *CLS SYST:ERR? SENS:WAV? SENS:PIX? CONF:INT[?] CONF:AVG[?] MEAS:SPEC? FETC:BURS? n CAL:DARK? CAL:WHITE? STAT:TEMP? STAT:LAMP?).\n" +
            "It looks at a simulated belt so spectra change as ore and items pass.\n",
            LaneDevices.Nir);
        yield return Build(
            "sampler",
            "Run the sampler PLC simulator alone (Modbus TCP, unit 1). Try it with mbpoll (1-based references):\n" +
            "  mbpoll -m tcp -p 1502 -a 1 -t 3 -r 1 -c 11 127.0.0.1          read input registers (state, handshake, counters, ...)\n" +
            "  mbpoll -m tcp -p 1502 -a 1 -t 4 -r 1 -1 127.0.0.1 1 7 0 42    command 1 (take increment), sequence 7, increment id 42\n" +
            "  mbpoll -m tcp -p 1502 -a 1 -t 1 -r 1 -c 4 127.0.0.1           discrete inputs: ready, cutter home, bin full, interlock\n" +
            "While running, type help for the console commands (faults, items, cuts, status).",
            LaneDevices.Sampler);
        yield return Build(
            "scale",
            "Run the belt scale simulator alone (Modbus TCP, unit 1; input registers: flow 0.1 t/h (2 regs), totaliser 0.1 t (2 regs),\n" +
            "speed mm/s, status, heartbeat). Try: mbpoll -m tcp -p 1503 -a 1 -t 3 -r 1 -c 7 127.0.0.1\n",
            LaneDevices.Scale);
        yield return Build(
            "radiation",
            "Run the radiation monitor simulator alone (Modbus TCP, unit 1; input registers: dose nSv/h (2 regs), background,\n" +
            "alarm state, heartbeat, detector status). Use --scenario radioactive for passing sources.\n" +
            "Try: mbpoll -m tcp -p 1504 -a 1 -t 3 -r 1 -c 6 127.0.0.1\n",
            LaneDevices.Radiation);
        yield return CameraCommand.Create();
    }

    internal static Command Build(string name, string description, LaneDevices devices, Action<Command, Func<ParseResult, SimulatedLaneOptions>>? extend = null)
    {
        bool all = devices == LaneDevices.All;
        var scenario = new Option<string>("--scenario") { Description = "Scenario: " + string.Join(" | ", LaneScenarios.Names) + ".", DefaultValueFactory = _ => devices is LaneDevices.Nir or LaneDevices.Camera ? LaneScenarios.Contaminated : devices == LaneDevices.Radiation ? LaneScenarios.Radioactive : LaneScenarios.Clean };
        var seed = new Option<int>("--seed") { Description = "Random seed: the same seed gives the same items, ore, sources and spectra.", DefaultValueFactory = _ => 1 };
        var brand = new Option<string?>("--brand") { Description = "Ore brand declared for the lot: " + string.Join(", ", OreBrands.All.Select(b => b.Id)) + " (default pilbara_blend)." };
        var bind = new Option<string>("--bind") { Description = "Address to listen on (0.0.0.0 for every interface).", DefaultValueFactory = _ => "127.0.0.1" };
        var speed = new Option<double>("--belt-speed") { Description = "Belt speed, m/s.", DefaultValueFactory = _ => 5.0 };
        var itemsPerKm = new Option<double?>("--items-per-km") { Description = "Contaminant items per km of belt (default: the scenario's rate; contaminated = 100)." };
        var verbose = new Option<bool>("--verbose") { Description = "Log connections and protocol errors." };
        var control = new Option<int>("--control-port") { Description = "Control/ground-truth HTTP API port (0 = a free port, -1 = off).", DefaultValueFactory = _ => all ? 8090 : -1 };
        var lineRate = new Option<double>("--line-rate") { Description = "NIR spectra per second.", DefaultValueFactory = _ => 500 };
        var testSource = new Option<int>("--nir-test-source") { Description = "Throughput test source, NOT an instrument: the NIR serves this many pre-computed clean-lane spectra in turn at any --line-rate up to 200000 (no exposure limit); 0 = the instrument.", DefaultValueFactory = _ => 0 };
        var fps = new Option<double>("--fps") { Description = "Camera frames per second.", DefaultValueFactory = _ => 25 };

        Option<int> Port(string option, string what, int port) => new(option) { Description = what + " port (0 = a free port" + (all ? ", -1 = off)." : ")."), DefaultValueFactory = _ => port };
        var nirPort = Port(all ? "--nir-port" : "--port", "NIR SCPI TCP", 5025);
        var samplerPort = Port(all ? "--sampler-port" : "--port", "Sampler PLC Modbus TCP", 1502);
        var scalePort = Port(all ? "--scale-port" : "--port", "Belt scale Modbus TCP", 1503);
        var radiationPort = Port(all ? "--radiation-port" : "--port", "Radiation monitor Modbus TCP", 1504);
        var cameraPort = Port(all ? "--camera-port" : "--port", "Camera MJPEG HTTP", 8081);

        var command = new Command(name, description) { scenario, seed, brand, bind, speed, itemsPerKm, control, verbose };
        void AddIf(bool condition, Option option)
        {
            if (condition)
            {
                command.Options.Add(option);
            }
        }

        AddIf(all || devices == LaneDevices.Nir, nirPort);
        AddIf(all || devices == LaneDevices.Nir, lineRate);
        AddIf(all || devices == LaneDevices.Nir, testSource);
        AddIf(all || devices == LaneDevices.Sampler, samplerPort);
        AddIf(all || devices == LaneDevices.Scale, scalePort);
        AddIf(all || devices == LaneDevices.Radiation, radiationPort);
        AddIf(all || devices == LaneDevices.Camera, cameraPort);
        AddIf(all || devices == LaneDevices.Camera, fps);

        int PortOf(ParseResult parse, LaneDevices device, Option<int> option) =>
            all || devices == device ? parse.GetValue(option) : device == LaneDevices.Nir ? 0 : -1;

        SimulatedLaneOptions Options(ParseResult parse) => new()
        {
            Scenario = parse.GetValue(scenario)!,
            Seed = parse.GetValue(seed),
            Brand = parse.GetValue(brand),
            BindAddress = parse.GetValue(bind)!,
            BeltSpeedMps = parse.GetValue(speed),
            ItemsPerKm = parse.GetValue(itemsPerKm),
            ControlPort = parse.GetValue(control),
            NirPort = PortOf(parse, LaneDevices.Nir, nirPort),
            NirLineRateHz = all || devices == LaneDevices.Nir ? parse.GetValue(lineRate) : 500,
            NirTestSourceSpectra = all || devices == LaneDevices.Nir ? parse.GetValue(testSource) : 0,
            SamplerPort = PortOf(parse, LaneDevices.Sampler, samplerPort),
            ScalePort = PortOf(parse, LaneDevices.Scale, scalePort),
            RadiationPort = PortOf(parse, LaneDevices.Radiation, radiationPort),
            CameraPort = PortOf(parse, LaneDevices.Camera, cameraPort),
            CameraFps = all || devices == LaneDevices.Camera ? parse.GetValue(fps) : 25,
        };

        command.SetAction((parse, ct) => LaneRunner.RunAsync(Options(parse), devices, parse.GetValue(verbose), ct));
        extend?.Invoke(command, Options);
        return command;
    }
}
