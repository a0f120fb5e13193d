using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using SmartCustoms.Simulators.Faults;
using SmartCustoms.Simulators.World;

namespace SmartCustoms.Simulators.Tcp;

/// <summary>
/// The TCP side every simulated network device shares (NIR SCPI, Modbus servers): listen, accept many clients
/// (Nagle off: devices answer small requests), run each connection on its own task, and honour the
/// <c>disconnect</c> fault — every socket closed and new connections refused while it lasts, the same port
/// listened on again when it ends (checked every 20 ms). What a connection says is the device's business
/// (<c>serve</c>); this class closes the socket when it returns. Thread-safe.
/// </summary>
public sealed class FaultableTcpListener : IAsyncDisposable
{
    private static readonly TimeSpan FaultPollInterval = TimeSpan.FromMilliseconds(20);

    private readonly string _device;
    private readonly DeviceFaultInjector _faults;
    private readonly Func<Socket, int, CancellationToken, Task> _serve;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<int, Socket> _connections = new();
    private readonly ConcurrentDictionary<int, Task> _connectionTasks = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _listenerGate = new();
    private TcpListener? _listener;
    private IPEndPoint? _endpoint;
    private Task _acceptLoop = Task.CompletedTask;
    private Task _faultLoop = Task.CompletedTask;
    private int _nextId;
    private int _disposed;

    /// <param name="device">Device name for logs (nir, sampler, …).</param>
    /// <param name="faults">The device's faults; only <c>disconnect</c> is handled here.</param>
    /// <param name="serve">Runs one connection until the client leaves (socket, connection id, stop token). I/O exceptions end the connection quietly.</param>
    public FaultableTcpListener(string device, DeviceFaultInjector faults, Func<Socket, int, CancellationToken, Task> serve, ILogger logger, TimeProvider? time = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(device);
        ArgumentNullException.ThrowIfNull(faults);
        ArgumentNullException.ThrowIfNull(serve);
        ArgumentNullException.ThrowIfNull(logger);
        _device = device;
        _faults = faults;
        _serve = serve;
        _logger = logger;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>The bound endpoint (the actual port when 0 was asked for). Valid after <see cref="Start"/>.</summary>
    public IPEndPoint Endpoint => _endpoint ?? throw new InvalidOperationException($"The {_device} simulator has not been started.");

    public bool IsStarted => _endpoint is not null;

    public int ConnectionCount => _connections.Count;

    /// <summary>True while connections are accepted (false during a disconnect fault).</summary>
    public bool IsListening
    {
        get
        {
            lock (_listenerGate)
            {
                return _listener is not null;
            }
        }
    }

    public void Start(IPEndPoint bind)
    {
        ArgumentNullException.ThrowIfNull(bind);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (_endpoint is not null)
        {
            throw new InvalidOperationException($"The {_device} simulator is already started.");
        }

        Listen(bind);
        _acceptLoop = Task.Run(() => AcceptLoopAsync(_stop.Token), CancellationToken.None);
        _faultLoop = Task.Run(() => FaultLoopAsync(_stop.Token), CancellationToken.None);
    }

    /// <summary>Stops listening, closes every connection and waits for the loops and connections to end.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stop.CancelAsync();
        StopListening();
        CloseConnections();
        try
        {
            await Task.WhenAll(_acceptLoop, _faultLoop);
            await Task.WhenAll(_connectionTasks.Values);
        }
        catch (OperationCanceledException)
        {
            // Expected on shutdown.
        }

        _stop.Dispose();
    }

    private void Listen(IPEndPoint endpoint)
    {
        var listener = new TcpListener(endpoint);

        // Re-open the same port right after a disconnect fault even with connections in TIME_WAIT.
        listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        listener.Start(backlog: 16);
        lock (_listenerGate)
        {
            _listener = listener;
            _endpoint = (IPEndPoint)listener.LocalEndpoint;
        }
    }

    private void StopListening()
    {
        TcpListener? listener;
        lock (_listenerGate)
        {
            listener = _listener;
            _listener = null;
        }

        listener?.Stop();
        listener?.Dispose();
    }

    private int CloseConnections()
    {
        int n = 0;
        foreach (var (id, socket) in _connections)
        {
            if (_connections.TryRemove(id, out _))
            {
                socket.Dispose();
                n++;
            }
        }

        return n;
    }

    private async Task FaultLoopAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            bool down = _faults.IsActive(DeviceFaultKind.Disconnect);
            if (down && IsListening)
            {
                StopListening();
                TcpListenerLog.DisconnectFault(_logger, _device, CloseConnections());
            }
            else if (!down && !IsListening)
            {
                try
                {
                    Listen(Endpoint);
                    TcpListenerLog.Reopened(_logger, _device, Endpoint);
                }
                catch (SocketException ex)
                {
                    TcpListenerLog.ReopenFailed(_logger, _device, Endpoint, ex);
                }
            }

            if (!await DelayAsync(ct))
            {
                return;
            }
        }
    }

    private async Task AcceptLoopAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            TcpListener? listener;
            lock (_listenerGate)
            {
                listener = _listener;
            }

            if (listener is null)
            {
                if (!await DelayAsync(ct))
                {
                    return;
                }

                continue;
            }

            Socket socket;
            try
            {
                socket = await listener.AcceptSocketAsync(ct);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException or InvalidOperationException)
            {
                // The listener was stopped by a disconnect fault (or shutdown): go round again.
                continue;
            }

            if (_faults.IsActive(DeviceFaultKind.Disconnect) || ct.IsCancellationRequested)
            {
                socket.Dispose();
                continue;
            }

            socket.NoDelay = true;
            int id = Interlocked.Increment(ref _nextId);
            _connections[id] = socket;
            TcpListenerLog.ClientConnected(_logger, _device, socket.RemoteEndPoint, _connections.Count);
            _connectionTasks[id] = Task.Run(() => RunConnectionAsync(id, socket, ct), CancellationToken.None);
        }
    }

    private async Task RunConnectionAsync(int id, Socket socket, CancellationToken ct)
    {
        var remote = socket.RemoteEndPoint;
        try
        {
            await _serve(socket, id, ct);
        }
        catch (OperationCanceledException)
        {
            // Shutdown.
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException)
        {
            // The client went away or a disconnect fault closed the socket: normal for a device.
            if (!ct.IsCancellationRequested && _connections.ContainsKey(id))
            {
                TcpListenerLog.ClientFailed(_logger, _device, remote, ex);
            }
        }
        finally
        {
            _connections.TryRemove(id, out _);
            socket.Dispose();
            TcpListenerLog.ClientDisconnected(_logger, _device, remote, _connections.Count);
            _connectionTasks.TryRemove(id, out _);
        }
    }

    private async Task<bool> DelayAsync(CancellationToken ct)
    {
        try
        {
            await Task.Delay(FaultPollInterval, _time, ct);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
