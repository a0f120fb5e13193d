using System.Globalization;
using System.Net.Sockets;
using SmartCustoms.Drivers.Abstractions;

namespace SmartCustoms.Drivers.Spectrometer.Scpi;

/// <summary>SCPI over raw TCP (LXI "socket" port, usually 5025). Thread-safe.</summary>
public sealed class TcpScpiConnectionFactory : IScpiConnectionFactory
{
    private readonly string _host;
    private readonly int _port;
    private readonly TimeSpan _connectTimeout;
    private readonly TimeProvider _time;

    public TcpScpiConnectionFactory(string host, int port, TimeSpan connectTimeout, TimeProvider time)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(host);
        ArgumentOutOfRangeException.ThrowIfLessThan(port, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, 65535);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(connectTimeout, TimeSpan.Zero);
        ArgumentNullException.ThrowIfNull(time);
        _host = host;
        _port = port;
        _connectTimeout = connectTimeout;
        _time = time;
    }

    public string Endpoint => string.Create(CultureInfo.InvariantCulture, $"tcp://{_host}:{_port}");

    public async Task<Stream> ConnectAsync(CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp)
        {
            // Commands are tiny and each waits for its reply: Nagle would add up to 40 ms per query.
            NoDelay = true,
        };
        try
        {
            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive, true);
            using var timeout = new CancellationTokenSource(_connectTimeout, _time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
            try
            {
                await socket.ConnectAsync(_host, _port, linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new DeviceException(string.Create(CultureInfo.InvariantCulture,
                    $"could not connect to {Endpoint} within {_connectTimeout.TotalSeconds:0.###} s"));
            }
            catch (SocketException ex)
            {
                throw new DeviceException($"could not connect to {Endpoint}: {ex.SocketErrorCode} ({ex.Message})", ex);
            }

            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
