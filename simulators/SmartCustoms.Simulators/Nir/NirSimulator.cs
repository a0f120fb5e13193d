using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using SmartCustoms.Simulators.World;

namespace SmartCustoms.Simulators.Nir;

/// <summary>
/// The simulated NIR spectrometer's SCPI server on raw TCP: many clients, one command per line.
/// Honours the faults of its <see cref="NirInstrument.Faults"/> injector (disconnect closes every
/// socket and refuses connections; stall, garbage, slow, NaN and saturated spectra act per command).
/// Start with <see cref="StartAsync"/>; <see cref="DisposeAsync"/> closes everything and waits for
/// the loops to end. Thread-safe.
/// </summary>
public sealed class NirSimulator : IAsyncDisposable
{
    private readonly NirSimulatorOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ScpiErrorBuffer _errors = new();
    private readonly ConcurrentDictionary<int, NirConnection> _connections = new();
    private readonly ConcurrentDictionary<int, Task> _connectionTasks = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _listenerGate = new();
    private TcpListener? _listener;
    private IPEndPoint? _endpoint;
    private Task _acceptLoop = Task.CompletedTask;
    private Task _faultLoop = Task.CompletedTask;
    private int _nextConnectionId;
    private long _commands;
    private long _spectra;
    private long _errorCount;
    private int _disposed;

    public NirSimulator(NirInstrument instrument, NirSimulatorOptions options, ILogger<NirSimulator> logger, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        string? problem = options.Validate();
        if (problem is not null)
        {
            throw new ArgumentException(problem, nameof(options));
        }

        Instrument = instrument;
        _options = options;
        _logger = logger;
        _time = timeProvider ?? TimeProvider.System;
    }

    public NirInstrument Instrument { get; }

    /// <summary>The bound endpoint (the actual port when 0 was asked for). Valid after <see cref="StartAsync"/>.</summary>
    public IPEndPoint Endpoint => _endpoint ?? throw new InvalidOperationException("The NIR simulator has not been started.");

    public int ConnectionCount => _connections.Count;

    public long CommandsServed => Interlocked.Read(ref _commands);

    public long SpectraServed => Interlocked.Read(ref _spectra);

    public long CommandErrors => Interlocked.Read(ref _errorCount);

    /// <summary>True while the listener accepts connections (false during a disconnect fault).</summary>
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

    public Task StartAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (_endpoint is not null)
        {
            throw new InvalidOperationException("The NIR simulator is already started.");
        }

        Listen(new IPEndPoint(_options.BindAddress, _options.Port));
        NirLog.Listening(_logger, Endpoint, Instrument.Identity);
        _acceptLoop = Task.Run(() => AcceptLoopAsync(_stop.Token), CancellationToken.None);
        _faultLoop = Task.Run(() => FaultLoopAsync(_stop.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

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

    internal void CountCommand() => Interlocked.Increment(ref _commands);

    internal void CountSpectra(int n) => Interlocked.Add(ref _spectra, n);

    internal void CountError() => Interlocked.Increment(ref _errorCount);

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
        foreach (var (id, connection) in _connections)
        {
            if (_connections.TryRemove(id, out _))
            {
                connection.Dispose();
                n++;
            }
        }

        return n;
    }

    private async Task FaultLoopAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            bool down = Instrument.Faults.IsActive(DeviceFaultKind.Disconnect);
            if (down && IsListening)
            {
                StopListening();
                int closed = CloseConnections();
                NirLog.DisconnectFault(_logger, DeviceFaultKind.Disconnect, closed);
            }
            else if (!down && !IsListening)
            {
                try
                {
                    Listen(Endpoint);
                    NirLog.Reopened(_logger, Endpoint);
                }
                catch (SocketException ex)
                {
                    NirLog.ReopenFailed(_logger, Endpoint, ex);
                }
            }

            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(20), _time, ct);
            }
            catch (OperationCanceledException)
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
                try
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(20), _time, ct);
                }
                catch (OperationCanceledException)
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

            if (Instrument.Faults.IsActive(DeviceFaultKind.Disconnect) || ct.IsCancellationRequested)
            {
                socket.Dispose();
                continue;
            }

            int id = Interlocked.Increment(ref _nextConnectionId);
            var connection = new NirConnection(socket, Instrument, _options, _errors, this, _time, _logger, id);
            _connections[id] = connection;
            NirLog.ClientConnected(_logger, connection.Remote, _connections.Count);
            _connectionTasks[id] = Task.Run(() => RunConnectionAsync(id, connection, ct), CancellationToken.None);
        }
    }

    private async Task RunConnectionAsync(int id, NirConnection connection, CancellationToken ct)
    {
        try
        {
            await connection.RunAsync(ct);
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
                NirLog.ClientFailed(_logger, connection.Remote, ex);
            }
        }
        finally
        {
            _connections.TryRemove(id, out _);
            connection.Dispose();
            NirLog.ClientDisconnected(_logger, connection.Remote, _connections.Count);
            _connectionTasks.TryRemove(id, out _);
        }
    }
}
