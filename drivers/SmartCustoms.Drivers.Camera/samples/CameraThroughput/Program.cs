// Throughput of the MJPEG driver at 1280×720: an in-process camera (raw TCP, HTTP/1.1, multipart) serves
// pre-encoded JPEGs on 127.0.0.1, the driver reads them (and optionally decodes them). Prints a table.
// Usage: dotnet run -c Release --project drivers/SmartCustoms.Drivers.Camera/samples/CameraThroughput [-- seconds]
using System.Globalization;
using CameraThroughput;

var seconds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 8;
var images = SyntheticCamera.MakeJpegs(30, 1280, 720);
Console.WriteLine($"1280×720 JPEGs, mean {images.Average(i => i.Length) / 1024:0} KiB; {Environment.ProcessorCount} cores; {seconds} s per run");
Console.WriteLine();
Console.WriteLine("| run | frames/s | MB/s | CPU % of one core | CPU % of machine |");
Console.WriteLine("|---|---|---|---|---|");
foreach (var (name, decode, fps) in new[]
{
    ("read + JPEG check, camera unthrottled", false, 0.0),
    ("read + decode to BGR, camera unthrottled", true, 0.0),
    ("read + JPEG check, camera at 25 fps", false, 25.0),
    ("read + decode to BGR, camera at 25 fps", true, 25.0),
})
{
    var result = await ThroughputRun.RunAsync(images, decode, fps, TimeSpan.FromSeconds(seconds));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {name} | {result.FramesPerSecond:0.0} | {result.MegabytesPerSecond:0.0} | {result.CpuPercentOfOneCore:0} | {result.CpuPercentOfOneCore / Environment.ProcessorCount:0} |"));
}

Console.WriteLine();
Console.WriteLine("CPU is the whole process: the in-process camera's socket writes are included.");
