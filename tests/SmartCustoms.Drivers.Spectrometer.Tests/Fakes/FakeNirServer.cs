using System.Net;
using System.Net.Sockets;
using System.Text;

namespace SmartCustoms.Drivers.Spectrometer.Tests.Fakes;

/// <summary>
/// A small SCPI-over-TCP server on 127.0.0.1 (free port) answering with <see cref="FakeNirInstrument"/>.
/// It can drop its connections, stop listening, and come back on the same port.
/// </summary>
internal sealed class FakeNirServer : IAsyncDisposable
{
    private readonly List<TcpClient> _clients = [];
    private TcpListener? _listener;
    private CancellationTokenSource _stop = new();
    private Task _acceptLoop = Task.CompletedTask;
    private int _accepted;

    public FakeNirServer(FakeNirInstrument instrument) => Instrument = instrument;

    public FakeNirInstrument Instrument { get; }

    public int Port { get; private set; }

    public int Accepted => Volatile.Read(ref _accepted);

    public void Start()
    {
        var listener = new TcpListener(IPAddress.Loopback, Port);
        listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        listener.Start();
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        _listener = listener;
        _stop = new CancellationTokenSource();
        _acceptLoop = AcceptAsync(listener, _stop.Token);
    }

    /// <summary>Closes every open connection; keeps listening.</summary>
    public void DropConnections()
    {
        lock (_clients)
        {
            foreach (var client in _clients)
            {
                client.Dispose();
            }

            _clients.Clear();
        }
    }

    /// <summary>Stops listening and drops every connection (the instrument is gone).</summary>
    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        _listener?.Stop();
        _listener = null;
        DropConnections();
        try
        {
            await _acceptLoop;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        if (_listener is not null)
        {
            await StopAsync();
        }
    }

    private async Task AcceptAsync(TcpListener listener, CancellationToken token)
    {
        while (!token.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            Interlocked.Increment(ref _accepted);
            lock (_clients)
            {
                _clients.Add(client);
            }

            _ = ServeAsync(client, token);
        }
    }

    private async Task ServeAsync(TcpClient client, CancellationToken token)
    {
        try
        {
            client.NoDelay = true;
            var stream = client.GetStream();
            var line = new StringBuilder();
            var buffer = new byte[4096];
            while (true)
            {
                var n = await stream.ReadAsync(buffer, token);
                if (n == 0)
                {
                    return;
                }

                for (var i = 0; i < n; i++)
                {
                    if (buffer[i] != '\n')
                    {
                        line.Append((char)buffer[i]);
                        continue;
                    }

                    var reply = Instrument.Respond(line.ToString().TrimEnd('\r'));
                    line.Clear();
                    if (reply is not null)
                    {
                        await stream.WriteAsync(reply, token);
                    }
                }
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // The test dropped the connection or stopped the server.
        }
        finally
        {
            client.Dispose();
        }
    }
}
