using System.CommandLine;
using SmartCustoms.Simulators.Hosting;

namespace SmartCustoms.Simulators.Cli;

/// <summary><c>scsim replay FILE</c>: a spectrum CSV streamed as the NIR's spectra, or a video file as the camera stream.</summary>
internal static class ReplayCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "A spectrum CSV (wavelength_nm,reflectance | wavelength_nm,s1,s2,...) or a video file (.avi, .mp4, .mkv)." };
        var port = new Option<int?>("--port") { Description = "Port (default 5025 for spectra, 8081 for video; 0 = a free port)." };
        var bind = new Option<string>("--bind") { Description = "Address to listen on.", DefaultValueFactory = _ => "127.0.0.1" };
        var lineRate = new Option<double>("--line-rate") { Description = "Spectra per second (CSV).", DefaultValueFactory = _ => 500 };
        var fps = new Option<double>("--fps") { Description = "Frames per second (video).", DefaultValueFactory = _ => 25 };
        var command = new Command(
            "replay",
            "Replay recorded data through a simulated device on its real protocol:\n" +
            "  scsim replay spectra.csv     the NIR spectrometer (SCPI, 5025) returns the file's spectra in turn, resampled to its\n" +
            "                               256-pixel grid and turned into raw counts by the instrument model (dark, white, noise)\n" +
            "  scsim replay belt.avi        the camera (MJPEG, 8081) streams the video's frames, looping\n" +
            "The CSV must cover 1,050-1,850 nm; a bad file gives an error naming the file and line.\n")
        {
            file, port, bind, lineRate, fps,
        };
        command.SetAction((parse, ct) =>
        {
            string path = parse.GetValue(file)!;
            bool spectra = path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase);
            var options = new SimulatedLaneOptions
            {
                Scenario = "clean",
                BindAddress = parse.GetValue(bind)!,
                ControlPort = -1,
                SamplerPort = -1,
                ScalePort = -1,
                RadiationPort = -1,
                NirPort = spectra ? parse.GetValue(port) ?? 5025 : 0,
                NirLineRateHz = parse.GetValue(lineRate),
                NirReplayFile = spectra ? path : null,
                CameraPort = spectra ? -1 : parse.GetValue(port) ?? 8081,
                CameraFps = parse.GetValue(fps),
                CameraReplayFile = spectra ? null : path,
            };
            return LaneRunner.RunAsync(options, spectra ? LaneDevices.Nir : LaneDevices.Camera, verbose: false, ct);
        });
        return command;
    }
}
