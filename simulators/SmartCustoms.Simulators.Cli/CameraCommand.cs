using System.CommandLine;
using System.Globalization;
using SmartCustoms.Simulators.Camera;
using SmartCustoms.Simulators.Hosting;

namespace SmartCustoms.Simulators.Cli;

/// <summary><c>scsim camera</c>: the camera alone (MJPEG over HTTP), or <c>--record FILE</c> to write its view to a video file.</summary>
internal static class CameraCommand
{
    public static Command Create() => LaneCommand.Build(
        "camera",
        "Run the camera simulator alone: 1280x720 frames of the belt at the camera position as MJPEG over HTTP.\n" +
        "  curl -o snap.jpg http://127.0.0.1:8081/snapshot.jpg           one JPEG (headers X-Frame-Sequence, X-Frame-Timestamp)\n" +
        "  open http://127.0.0.1:8081/stream.mjpg in a browser or VLC      the live stream (multipart/x-mixed-replace)\n" +
        "With --record FILE.avi --seconds N it writes N seconds of the belt (MJPG in AVI) as fast as it can and exits;\n" +
        "replay such a file with: scsim replay FILE.avi\n",
        LaneDevices.Camera,
        Extend);

    private static void Extend(Command command, Func<ParseResult, SimulatedLaneOptions> options)
    {
        var record = new Option<string?>("--record") { Description = "Write the camera's view to this video file (MJPG in AVI) instead of serving it." };
        var seconds = new Option<double>("--seconds") { Description = "Length of the recording, s of lane time.", DefaultValueFactory = _ => 10 };
        var from = new Option<double>("--from") { Description = "Lane time where the recording starts, s (the belt ramps up during the first 4 s).", DefaultValueFactory = _ => 5 };
        command.Options.Add(record);
        command.Options.Add(seconds);
        command.Options.Add(from);
        command.SetAction((parse, ct) =>
        {
            string? file = parse.GetValue(record);
            if (string.IsNullOrWhiteSpace(file))
            {
                return LaneRunner.RunAsync(options(parse), LaneDevices.Camera, verbose: false, ct);
            }

            return Task.FromResult(Record(options(parse), file, parse.GetValue(seconds), parse.GetValue(from)));
        });
    }

    private static int Record(SimulatedLaneOptions options, string file, double seconds, double from)
    {
        var problems = options.Validate();
        if (problems.Count > 0 || seconds <= 0 || seconds > 3600 || from < 0)
        {
            foreach (string p in problems)
            {
                Console.Error.WriteLine("error: " + p);
            }

            if (seconds <= 0 || seconds > 3600 || from < 0)
            {
                Console.Error.WriteLine("error: --seconds must be 0-3600 and --from >= 0.");
            }

            return 2;
        }

        var world = SimulatedLane.CreateWorld(options);
        var cameraOptions = new CameraSimulatorOptions { Fps = options.CameraFps };
        using var renderer = new BeltSceneRenderer(world, cameraOptions);
        try
        {
            int frames = CameraRecorder.Record(renderer, file, seconds, cameraOptions.Fps, cameraOptions.Width, cameraOptions.Height, from, n =>
            {
                if (n % 25 == 0)
                {
                    Console.Write(string.Create(CultureInfo.InvariantCulture, $"\rrecorded {n} frames"));
                }
            });
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"\nwrote {frames} frames ({seconds:F1} s at {cameraOptions.Fps:F0} fps, scenario {world.Scenario.Name}, seed {world.Seed}) to {file}"));
            return 0;
        }
        catch (IOException ex)
        {
            Console.Error.WriteLine("error: " + ex.Message);
            return 3;
        }
    }
}
