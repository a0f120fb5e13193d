// Modbus TCP round-trip latency over loopback: ModbusTcpClient against a minimal raw-socket responder.
// Run: dotnet run -c Release --project tests/SmartCustoms.Drivers.Modbus.Tests/Benchmarks/ModbusLatency -- [requests] [registers]
using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using SmartCustoms.Drivers.Modbus.Protocol;

var requests = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10_000;
var registers = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10;

using var listener = new TcpListener(IPAddress.Loopback, 0);
listener.Start();
var port = ((IPEndPoint)listener.LocalEndpoint).Port;
using var stop = new CancellationTokenSource();
var server = Task.Run(() => ServeAsync(listener, stop.Token));

await using var client = new ModbusTcpClient(
    new ModbusTcpClientOptions("bench", "127.0.0.1", port, 1, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2)),
    TimeProvider.System);

for (var i = 0; i < 1_000; i++)
{
    await client.ReadInputRegistersAsync(0, registers, CancellationToken.None);
}

var samples = new double[requests];
var total = Stopwatch.StartNew();
for (var i = 0; i < requests; i++)
{
    var start = Stopwatch.GetTimestamp();
    await client.ReadInputRegistersAsync(0, registers, CancellationToken.None);
    samples[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
}

total.Stop();
Array.Sort(samples);
double Percentile(double p) => samples[Math.Min(samples.Length - 1, (int)Math.Ceiling(p * samples.Length) - 1)];
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"FC04 read {registers} input registers, {requests} requests over loopback, one outstanding at a time"));
Console.WriteLine("| p50 µs | p90 µs | p99 µs | p99.9 µs | max µs | requests/s |");
Console.WriteLine("|---|---|---|---|---|---|");
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"| {Percentile(0.50):0} | {Percentile(0.90):0} | {Percentile(0.99):0} | {Percentile(0.999):0} | {samples[^1]:0} | {requests / total.Elapsed.TotalSeconds:0} |"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"stale {client.StaleResponsesDiscarded}, protocol errors {client.ProtocolErrors}, timeouts {client.Timeouts}, connects {client.Connects}"));
await stop.CancelAsync();
listener.Stop();

static async Task ServeAsync(TcpListener listener, CancellationToken cancellationToken)
{
    try
    {
        using var socket = await listener.AcceptSocketAsync(cancellationToken);
        socket.NoDelay = true;
        await using var stream = new NetworkStream(socket);
        var request = new byte[12];
        var response = new byte[260];
        while (true)
        {
            await stream.ReadExactlyAsync(request, cancellationToken);
            var quantity = BinaryPrimitives.ReadUInt16BigEndian(request.AsSpan(10));
            request.AsSpan(0, 4).CopyTo(response);
            BinaryPrimitives.WriteUInt16BigEndian(response.AsSpan(4), (ushort)(3 + (2 * quantity)));
            response[6] = request[6];
            response[7] = request[7];
            response[8] = (byte)(2 * quantity);
            await stream.WriteAsync(response.AsMemory(0, 9 + (2 * quantity)), cancellationToken);
        }
    }
    catch (Exception ex) when (ex is OperationCanceledException or IOException or EndOfStreamException or SocketException)
    {
        // The run ended.
    }
}
