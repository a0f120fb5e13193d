using System.Globalization;
using System.Net;
using SmartCustoms.Simulators.World;

namespace SmartCustoms.Simulators.Hosting;

/// <summary>Settings of an in-process simulated lane (configuration section <see cref="SectionName"/>).</summary>
public sealed class SimulatedLaneOptions
{
    public const string SectionName = "Simulator";

    /// <summary>clean | contaminated | radioactive | mismatch | faults.</summary>
    public string Scenario { get; set; } = LaneScenarios.Clean;

    public int Seed { get; set; } = 1;

    /// <summary>Declared ore brand id (e.g. pilbara_blend); empty = the scenario default.</summary>
    public string? Brand { get; set; }

    /// <summary>Contaminant items per km of belt; null = the scenario's own rate (contaminated: 100).</summary>
    public double? ItemsPerKm { get; set; }

    public string BindAddress { get; set; } = "127.0.0.1";

    /// <summary>NIR SCPI port; 0 = a free port (read it back from <see cref="SimulatedLane.NirEndpoint"/>).</summary>
    public int NirPort { get; set; } = 5025;

    public double NirLineRateHz { get; set; } = 500;

    /// <summary>0 = the NIR instrument; &gt; 0 = a throughput test source serving this many banked clean-lane spectra (see NirSimulatorOptions.TestSourceSpectra; line rate up to 200,000/s).</summary>
    public int NirTestSourceSpectra { get; set; }

    /// <summary>Sampler PLC Modbus TCP port; 0 = a free port; -1 = do not run this device.</summary>
    public int SamplerPort { get; set; } = 1502;

    /// <summary>Belt scale Modbus TCP port; 0 = a free port; -1 = do not run this device.</summary>
    public int ScalePort { get; set; } = 1503;

    /// <summary>Radiation monitor Modbus TCP port; 0 = a free port; -1 = do not run this device.</summary>
    public int RadiationPort { get; set; } = 1504;

    /// <summary>Unit id the three Modbus devices answer as.</summary>
    public int ModbusUnitId { get; set; } = 1;

    /// <summary>Camera MJPEG-over-HTTP port; 0 = a free port; -1 = do not run the camera.</summary>
    public int CameraPort { get; set; } = 8081;

    /// <summary>A spectrum CSV (CONTRACT.md format) the NIR replays in turn instead of looking at the belt; empty = the belt.</summary>
    public string? NirReplayFile { get; set; }

    /// <summary>A video file (e.g. MJPG .avi) the camera replays instead of rendering the belt; empty = render.</summary>
    public string? CameraReplayFile { get; set; }

    /// <summary>Camera frames per second.</summary>
    public double CameraFps { get; set; } = 25;

    /// <summary>Control and ground-truth HTTP API port; 0 = a free port; -1 = no control API.</summary>
    public int ControlPort { get; set; } = 8090;

    /// <summary>Natural background at the radiation monitor, nSv/h.</summary>
    public double RadiationBackgroundNSvH { get; set; } = 80;

    public double BeltSpeedMps { get; set; } = 5.0;

    public double BeltWidthM { get; set; } = 1.8;

    public double FlowTph { get; set; } = 8000;

    public double CameraPositionM { get; set; } = 1.0;

    public double NirPositionM { get; set; } = 2.0;

    public double SamplerPositionM { get; set; } = 25.0;

    public double RadiationPositionM { get; set; } = 6.0;

    /// <summary>A shallow copy (all settings are values).</summary>
    public SimulatedLaneOptions Copy() => (SimulatedLaneOptions)MemberwiseClone();

    /// <summary>Every problem with these settings, each naming its key; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        string s = SectionName;
        if (!LaneScenarios.IsKnown(Scenario ?? string.Empty))
        {
            problems.Add($"{s}:Scenario must be one of {string.Join(", ", LaneScenarios.Names)}, got '{Scenario}'.");
        }

        if (!string.IsNullOrWhiteSpace(Brand) && !OreBrands.TryFind(Brand, out _))
        {
            problems.Add($"{s}:Brand must be one of {string.Join(", ", OreBrands.All.Select(b => b.Id))}, got '{Brand}'.");
        }

        if (ItemsPerKm is { } rate && (rate < 0 || rate > 10_000 || double.IsNaN(rate)))
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"{s}:ItemsPerKm must be 0-10000, got {rate}."));
        }

        if (!IPAddress.TryParse(BindAddress, out _))
        {
            problems.Add($"{s}:BindAddress must be an IP address, got '{BindAddress}'.");
        }

        if (NirPort is < 0 or > 65535)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"{s}:NirPort must be 0-65535, got {NirPort}."));
        }

        foreach (var (key, port) in new[] { ("SamplerPort", SamplerPort), ("ScalePort", ScalePort), ("RadiationPort", RadiationPort), ("CameraPort", CameraPort), ("ControlPort", ControlPort) })
        {
            if (port is < -1 or > 65535)
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"{s}:{key} must be 0-65535 (0 = a free port) or -1 (off), got {port}."));
            }
        }

        if (!string.IsNullOrWhiteSpace(NirReplayFile) && !File.Exists(NirReplayFile))
        {
            problems.Add($"{s}:NirReplayFile '{NirReplayFile}' does not exist.");
        }

        if (!string.IsNullOrWhiteSpace(CameraReplayFile) && !File.Exists(CameraReplayFile))
        {
            problems.Add($"{s}:CameraReplayFile '{CameraReplayFile}' does not exist.");
        }

        if (ModbusUnitId is < 1 or > 247)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"{s}:ModbusUnitId must be 1-247, got {ModbusUnitId}."));
        }

        if (CameraFps is < 1 or > 60 || double.IsNaN(CameraFps))
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"{s}:CameraFps must be 1-60, got {CameraFps}."));
        }

        if (RadiationBackgroundNSvH is < 1 or > 10_000 || double.IsNaN(RadiationBackgroundNSvH))
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"{s}:RadiationBackgroundNSvH must be 1-10000, got {RadiationBackgroundNSvH}."));
        }

        if (NirTestSourceSpectra is < 0 or > 65_536)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"{s}:NirTestSourceSpectra must be 0 (instrument) or 1-65536 (throughput test source), got {NirTestSourceSpectra}."));
        }

        if (NirTestSourceSpectra > 0)
        {
            if (NirLineRateHz is <= 0 or > Nir.NirSimulatorOptions.MaxTestSourceLineRateHz || double.IsNaN(NirLineRateHz))
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"{s}:NirLineRateHz must be >0 and <=200000 with a throughput test source, got {NirLineRateHz}."));
            }
        }
        else if (NirLineRateHz is <= 0 or > 10_000 || double.IsNaN(NirLineRateHz))
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"{s}:NirLineRateHz must be >0 and <=10000, got {NirLineRateHz}."));
        }

        if (BeltSpeedMps is < 0 or > 12 || double.IsNaN(BeltSpeedMps))
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"{s}:BeltSpeedMps must be 0-12, got {BeltSpeedMps}."));
        }

        if (BeltWidthM is < 0.5 or > 3.5 || double.IsNaN(BeltWidthM))
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"{s}:BeltWidthM must be 0.5-3.5, got {BeltWidthM}."));
        }

        if (FlowTph is < 0 or > 20_000 || double.IsNaN(FlowTph))
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"{s}:FlowTph must be 0-20000, got {FlowTph}."));
        }

        foreach (var (key, value) in new[] { ("CameraPositionM", CameraPositionM), ("NirPositionM", NirPositionM), ("SamplerPositionM", SamplerPositionM), ("RadiationPositionM", RadiationPositionM) })
        {
            if (value is < 0 or > 500 || double.IsNaN(value))
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"{s}:{key} must be 0-500, got {value}."));
            }
        }

        return problems;
    }
}
