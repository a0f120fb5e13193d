using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using NirProbe;

// dotnet run -c Release --project drivers/SmartCustoms.Drivers.Spectrometer/samples/NirProbe -- <command>
//   throughput [seconds]                 spectra/s through the driver over loopback TCP against the in-test server
//   throughput [seconds] HOST PORT       the same against a real instrument or `scsim nir`
//   probe HOST PORT [seconds]            identify, calibrate, read bursts; print reflectance, health and counters
if (args.Length == 0 || args[0] is "-h" or "--help")
{
    Console.WriteLine("usage: NirProbe throughput [seconds [HOST PORT]] | probe HOST PORT [seconds]");
    return 2;
}

return args[0] switch
{
    "throughput" => await ThroughputRun.RunAsync(
        args.Length > 1 ? double.Parse(args[1], CultureInfo.InvariantCulture) : 5,
        args.Length > 3 ? args[2] : null,
        args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 0),
    "probe" when args.Length >= 3 => await ProbeRun.RunAsync(
        args[1], int.Parse(args[2], CultureInfo.InvariantCulture),
        args.Length > 3 ? double.Parse(args[3], CultureInfo.InvariantCulture) : 10, NullLoggerFactory.Instance),
    _ => 2,
};
