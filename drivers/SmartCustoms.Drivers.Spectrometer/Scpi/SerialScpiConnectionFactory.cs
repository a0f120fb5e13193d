using System.Globalization;
using System.IO.Ports;
using SmartCustoms.Drivers.Abstractions;

namespace SmartCustoms.Drivers.Spectrometer.Scpi;

/// <summary>SCPI over RS-232 or a USB virtual COM port (8 data bits, no parity, 1 stop bit). Thread-safe.</summary>
public sealed class SerialScpiConnectionFactory : IScpiConnectionFactory
{
    private readonly string _portName;
    private readonly int _baudRate;

    public SerialScpiConnectionFactory(string portName, int baudRate)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(portName);
        ArgumentOutOfRangeException.ThrowIfLessThan(baudRate, 1);
        _portName = portName;
        _baudRate = baudRate;
    }

    public string Endpoint => string.Create(CultureInfo.InvariantCulture, $"serial://{_portName}@{_baudRate}");

    public Task<Stream> ConnectAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var port = new SerialPort(_portName, _baudRate, Parity.None, 8, StopBits.One)
        {
            Handshake = Handshake.None,
            // Reply timeouts are enforced above the stream (per reply, monotonic); the port itself never times out.
            ReadTimeout = SerialPort.InfiniteTimeout,
            WriteTimeout = SerialPort.InfiniteTimeout,
        };
        try
        {
            port.Open();
            port.DiscardInBuffer();
            return Task.FromResult<Stream>(new SerialPortStream(port));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException)
        {
            port.Dispose();
            throw new DeviceException($"could not open {Endpoint}: {ex.Message}", ex);
        }
    }
}
