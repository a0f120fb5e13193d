using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using SmartCustoms.Simulators.Faults;
using SmartCustoms.Simulators.World;

namespace SmartCustoms.Simulators.Modbus;

/// <summary>
/// A Modbus TCP server for one simulated device: MBAP framing, many clients, one request at a time per
/// connection, answers from an <see cref="IModbusDataModel"/>. Honours its device's faults:
/// <c>disconnect</c> closes every socket and refuses connections; <c>stall</c> reads requests and never
/// answers; <c>garbage</c> answers with random bytes; <c>slow</c> answers after
/// <see cref="ModbusServerOptions.SlowReplyDelay"/>; <c>exception</c> answers every request with
/// exception 04. A malformed MBAP header (protocol id ≠ 0, bad length) closes the connection, as real
/// devices do. Thread-safe.
/// </summary>
public sealed class ModbusTcpServer : IAsyncDisposable
{
    private readonly ModbusServerOptions _options;
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
    private long _requests;
    private long _exceptions;
    private long _badFrames;
    private int _disposed;

    /// <param name="device">Device name for logs and faults (sampler, scale, radiation).</param>
    public ModbusTcpServer(string device, IModbusDataModel model, ModbusServerOptions options, DeviceFaultInjector faults, ILogger logger, TimeProvider? timeProvider = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(device);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(faults);
        ArgumentNullException.ThrowIfNull(logger);
        if (options.Port is < 0 or > 65535)
        {
            throw new ArgumentException($"{device}: port must be 0-65535, got {options.Port}.", nameof(options));
        }

        Device = device;
        Model = model;
        _options = options;
        Faults = faults;
        _logger = logger;
        _time = timeProvider ?? TimeProvider.System;
    }

    public string Device { get; }

    public IModbusDataModel Model { get; }

    public DeviceFaultInjector Faults { get; }

    /// <summary>The bound endpoint (the actual port when 0 was asked for). Valid after <see cref="StartAsync"/>.</summary>
    public IPEndPoint Endpoint => _endpoint ?? throw new InvalidOperationException($"The {Device} simulator has not been started.");

    public int ConnectionCount => _connections.Count;

    /// <summary>Requests answered (normal and exception responses).</summary>
    public long RequestsServed => Interlocked.Read(ref _requests);

    public long ExceptionsSent => Interlocked.Read(ref _exceptions);

    /// <summary>Connections closed for a malformed MBAP header.</summary>
    public long BadFrames => Interlocked.Read(ref _badFrames);

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
            throw new InvalidOperationException($"The {Device} simulator is already started.");
        }

        Listen(new IPEndPoint(_options.BindAddress, _options.Port));
        ModbusLog.Listening(_logger, Device, _options.UnitId, Endpoint);
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
            bool down = Faults.IsActive(DeviceFaultKind.Disconnect);
            if (down && IsListening)
            {
                StopListening();
                ModbusLog.DisconnectFault(_logger, Device, CloseConnections());
            }
            else if (!down && !IsListening)
            {
                try
                {
                    Listen(Endpoint);
                    ModbusLog.Reopened(_logger, Device, Endpoint);
                }
                catch (SocketException ex)
                {
                    ModbusLog.ReopenFailed(_logger, Device, Endpoint, ex);
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

            if (Faults.IsActive(DeviceFaultKind.Disconnect) || ct.IsCancellationRequested)
            {
                socket.Dispose();
                continue;
            }

            socket.NoDelay = true;
            int id = Interlocked.Increment(ref _nextId);
            _connections[id] = socket;
            ModbusLog.ClientConnected(_logger, Device, socket.RemoteEndPoint, _connections.Count);
            _connectionTasks[id] = Task.Run(() => RunConnectionAsync(id, socket, ct), CancellationToken.None);
        }
    }

    private async Task RunConnectionAsync(int id, Socket socket, CancellationToken ct)
    {
        var remote = socket.RemoteEndPoint;
        try
        {
            await ServeAsync(socket, remote, new Random(id), ct);
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
                ModbusLog.ClientFailed(_logger, Device, remote, ex);
            }
        }
        finally
        {
            _connections.TryRemove(id, out _);
            socket.Dispose();
            ModbusLog.ClientDisconnected(_logger, Device, remote, _connections.Count);
            _connectionTasks.TryRemove(id, out _);
        }
    }

    private async Task ServeAsync(Socket socket, EndPoint? remote, Random garbage, CancellationToken ct)
    {
        var header = new byte[ModbusMbapHeader.Size];
        var body = new byte[ModbusMbapHeader.MaxLength];
        while (!ct.IsCancellationRequested)
        {
            if (!await ReadExactlyAsync(socket, header, ct))
            {
                return;
            }

            var mbap = ModbusMbapHeader.Read(header);
            string? problem = mbap.Problem();
            if (problem is not null)
            {
                Interlocked.Increment(ref _badFrames);
                ModbusLog.BadFrame(_logger, Device, remote, problem);
                return;
            }

            int pduLength = mbap.Length - 1;
            if (!await ReadExactlyAsync(socket, body.AsMemory(0, pduLength), ct))
            {
                return;
            }

            if (Faults.IsActive(DeviceFaultKind.Disconnect))
            {
                // The fault loop closes every socket within ~20 ms; do not answer meanwhile.
                return;
            }

            if (Faults.IsActive(DeviceFaultKind.Stall))
            {
                continue;
            }

            if (Faults.IsActive(DeviceFaultKind.Slow))
            {
                await Task.Delay(_options.SlowReplyDelay, _time, ct);
            }

            if (Faults.IsActive(DeviceFaultKind.Garbage))
            {
                var noise = new byte[garbage.Next(1, 24)];
                garbage.NextBytes(noise);
                await socket.SendAsync(noise, SocketFlags.None, ct);
                continue;
            }

            byte[] pdu = Answer(mbap.UnitId, body.AsSpan(0, pduLength));
            if ((pdu[0] & ModbusFunction.ExceptionFlag) != 0)
            {
                Interlocked.Increment(ref _exceptions);
            }

            Interlocked.Increment(ref _requests);
            await socket.SendAsync(mbap.Frame(pdu), SocketFlags.None, ct);
        }
    }

    private byte[] Answer(byte unit, ReadOnlySpan<byte> pdu)
    {
        byte function = pdu.Length > 0 ? pdu[0] : (byte)0;
        if (unit != _options.UnitId && unit != 255)
        {
            return ModbusRequestProcessor.Exception(function, ModbusExceptionCode.GatewayTargetFailedToRespond);
        }

        if (Faults.IsActive(DeviceFaultKind.ModbusException))
        {
            return ModbusRequestProcessor.Exception(function, ModbusExceptionCode.ServerDeviceFailure);
        }

        return ModbusRequestProcessor.Process(pdu, Model);
    }

    private static async Task<bool> ReadExactlyAsync(Socket socket, Memory<byte> buffer, CancellationToken ct)
    {
        int read = 0;
        while (read < buffer.Length)
        {
            int n = await socket.ReceiveAsync(buffer[read..], SocketFlags.None, ct);
            if (n == 0)
            {
                return false;
            }

            read += n;
        }

        return true;
    }
}
