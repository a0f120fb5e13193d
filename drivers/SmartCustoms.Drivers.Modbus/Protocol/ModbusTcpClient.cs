using System.Globalization;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SmartCustoms.Drivers.Abstractions;

namespace SmartCustoms.Drivers.Modbus.Protocol;

/// <summary>
/// A Modbus TCP client for one device. Thread-safe: requests are serialised (one outstanding request
/// at a time, guarded by a semaphore) because small PLCs and meters often mishandle pipelined requests
/// and the lane's polling rates need no more. It connects on demand; after any failure except a
/// Modbus exception response (which is a valid answer) it drops the connection and reconnects on the
/// next call. A request that finds its reused connection closed by the device is sent once more on a
/// fresh connection within the same call. A response with the transaction id of one of the last requests on this connection
/// (a late or duplicated answer) is discarded and counted; any other wrong transaction id is a
/// protocol error. Timeouts use monotonic time through <see cref="TimeProvider"/>.
/// </summary>
public sealed partial class ModbusTcpClient : IAsyncDisposable
{
    /// <summary>How far back a transaction id counts as a late answer to an earlier request.</summary>
    private const int StaleWindow = 64;

    private readonly ModbusTcpClientOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly byte[] _sendBuffer = new byte[ModbusLimits.MaxAduLength];
    private readonly byte[] _receiveBuffer = new byte[ModbusLimits.MaxAduLength];
    private NetworkStream? _stream;
    private ushort _lastTransactionId;
    private int _requestsOnConnection;
    private long _staleResponses;
    private long _protocolErrors;
    private long _timeouts;
    private long _connects;
    private long _exceptionResponses;
    private long _reconnectRetries;
    private bool _disposed;

    public ModbusTcpClient(ModbusTcpClientOptions options, TimeProvider time, ILogger<ModbusTcpClient>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Host);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Port, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.Port, 65535);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.ConnectTimeout, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.RequestTimeout, TimeSpan.Zero);
        _options = options;
        _time = time;
        _logger = logger ?? NullLogger<ModbusTcpClient>.Instance;
    }

    public ModbusTcpClientOptions Options => _options;

    /// <summary>True while a TCP connection is open (it may still turn out dead on the next request).</summary>
    public bool IsConnected => Volatile.Read(ref _stream) is not null;

    /// <summary>Responses discarded because they carried the transaction id of an earlier request.</summary>
    public long StaleResponsesDiscarded => Interlocked.Read(ref _staleResponses);

    /// <summary>Malformed or mismatched responses (each one dropped the connection).</summary>
    public long ProtocolErrors => Interlocked.Read(ref _protocolErrors);

    /// <summary>Connect and request timeouts.</summary>
    public long Timeouts => Interlocked.Read(ref _timeouts);

    /// <summary>Exception responses received (the device refused a request).</summary>
    public long ExceptionResponses => Interlocked.Read(ref _exceptionResponses);

    /// <summary>Requests repeated once on a fresh connection because the previous one had been closed by the device.</summary>
    public long ReconnectRetries => Interlocked.Read(ref _reconnectRetries);

    /// <summary>Successful TCP connects, the first included.</summary>
    public long Connects => Interlocked.Read(ref _connects);

    public async Task<ushort[]> ReadHoldingRegistersAsync(ushort address, int quantity, CancellationToken cancellationToken)
    {
        var registers = new ushort[quantity];
        await ExecuteAsync(ModbusRequest.ReadHoldingRegisters(address, quantity), registers, null, cancellationToken);
        return registers;
    }

    public async Task<ushort[]> ReadInputRegistersAsync(ushort address, int quantity, CancellationToken cancellationToken)
    {
        var registers = new ushort[quantity];
        await ExecuteAsync(ModbusRequest.ReadInputRegisters(address, quantity), registers, null, cancellationToken);
        return registers;
    }

    public async Task<bool[]> ReadDiscreteInputsAsync(ushort address, int quantity, CancellationToken cancellationToken)
    {
        var bits = new bool[quantity];
        await ExecuteAsync(ModbusRequest.ReadDiscreteInputs(address, quantity), null, bits, cancellationToken);
        return bits;
    }

    public Task WriteSingleRegisterAsync(ushort address, ushort value, CancellationToken cancellationToken) =>
        ExecuteAsync(ModbusRequest.WriteSingleRegister(address, value), null, null, cancellationToken);

    public Task WriteMultipleRegistersAsync(ushort address, ReadOnlySpan<ushort> values, CancellationToken cancellationToken) =>
        ExecuteAsync(ModbusRequest.WriteMultipleRegisters(address, values), null, null, cancellationToken);

    /// <summary>Sends one request and waits for its validated response; fills the destination, if any.</summary>
    public async Task ExecuteAsync(ModbusRequest request, ushort[]? registers, bool[]? bits, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var reused = _stream is not null;
            try
            {
                await ExchangeAsync(request, registers, bits, cancellationToken);
            }
            catch (ModbusConnectionException ex) when (reused)
            {
                // An idle connection closed since the last request (device idle timeout, NAT, PLC restart):
                // one attempt on a fresh connection, so that does not count as the device going down.
                // Safe because every request here is a read or a plain register write, both idempotent.
                var retries = Interlocked.Increment(ref _reconnectRetries);
                LogRetry(_logger, _options.DeviceName, ex.Message, retries);
                await ExchangeAsync(request, registers, bits, cancellationToken);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task ExchangeAsync(ModbusRequest request, ushort[]? registers, bool[]? bits, CancellationToken cancellationToken)
    {
        var stream = _stream ?? await ConnectAsync(cancellationToken);
        using var timeout = new CancellationTokenSource(_options.RequestTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        var transactionId = unchecked(++_lastTransactionId);
        _requestsOnConnection++;
        try
        {
            var length = request.WriteAdu(_sendBuffer, transactionId, _options.UnitId);
            await stream.WriteAsync(_sendBuffer.AsMemory(0, length), linked.Token);
            while (true)
            {
                var aduLength = await ModbusFrameReader.ReadAduAsync(stream, _receiveBuffer, linked.Token);
                if (IsStale(transactionId, aduLength))
                {
                    continue;
                }

                Accept(aduLength, transactionId, request, registers, bits);
                return;
            }
        }
        catch (ModbusException ex)
        {
            // A valid answer: the framing held, so the connection stays.
            Interlocked.Increment(ref _exceptionResponses);
            throw ex.ForDevice(Name);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            Disconnect();
            Interlocked.Increment(ref _timeouts);
            throw new ModbusTimeoutException($"{Name}: no complete response to {request} within {Milliseconds(_options.RequestTimeout)} ms");
        }
        catch (OperationCanceledException)
        {
            // A half-read response would desynchronise the stream.
            Disconnect();
            throw;
        }
        catch (ProtocolException ex)
        {
            Disconnect();
            Interlocked.Increment(ref _protocolErrors);
            LogProtocolError(_logger, _options.DeviceName, ex.Message);
            throw new ProtocolException($"{Name}: {ex.Message}", ex);
        }
        catch (ModbusConnectionException ex)
        {
            Disconnect();
            throw new ModbusConnectionException($"{Name}: {ex.Message}", ex);
        }
        catch (Exception ex) when (ex is IOException or SocketException)
        {
            Disconnect();
            throw MapSocketFailure(ex, "request");
        }
    }

    /// <summary>Closes the connection; the next request reconnects.</summary>
    public async Task DisconnectAsync()
    {
        await _gate.WaitAsync();
        try
        {
            Disconnect();
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Closes the connection; later calls throw <see cref="ObjectDisposedException"/>. Idempotent.</summary>
    public async ValueTask DisposeAsync()
    {
        // The semaphore itself is not disposed: a caller still waiting on it must get ObjectDisposedException
        // from this client, not from the semaphore, and SemaphoreSlim holds no handle unless one is asked for.
        await _gate.WaitAsync();
        try
        {
            _disposed = true;
            Disconnect();
        }
        finally
        {
            _gate.Release();
        }
    }

    private string Name => $"{_options.DeviceName} ({_options.Host}:{_options.Port})";

    private static string Milliseconds(TimeSpan span) => span.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture);

    private bool IsStale(ushort transactionId, int aduLength)
    {
        var received = ModbusMbapHeader.Read(_receiveBuffer.AsSpan(0, aduLength)).TransactionId;
        if (received == transactionId)
        {
            return false;
        }

        var age = (ushort)(transactionId - received);
        if (age >= 1 && age <= Math.Min(StaleWindow, _requestsOnConnection - 1))
        {
            var count = Interlocked.Increment(ref _staleResponses);
            LogStaleResponse(_logger, _options.DeviceName, received, transactionId, count);
            return true;
        }

        return false;
    }

    private void Accept(int aduLength, ushort transactionId, ModbusRequest request, ushort[]? registers, bool[]? bits)
    {
        var pdu = ModbusResponseParser.ValidateAdu(_receiveBuffer.AsSpan(0, aduLength), transactionId, _options.UnitId, request);
        if (registers is not null)
        {
            ModbusResponseParser.ReadRegisters(pdu, registers);
        }

        if (bits is not null)
        {
            ModbusResponseParser.ReadBits(pdu, bits);
        }
    }

    private async Task<NetworkStream> ConnectAsync(CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(_options.ConnectTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(_options.Host, _options.Port, linked.Token);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            socket.Dispose();
            Interlocked.Increment(ref _timeouts);
            throw new ModbusTimeoutException($"{Name}: connect timed out after {Milliseconds(_options.ConnectTimeout)} ms");
        }
        catch (SocketException ex)
        {
            socket.Dispose();
            throw MapSocketFailure(ex, "connect");
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        var stream = new NetworkStream(socket, ownsSocket: true);
        Volatile.Write(ref _stream, stream);
        _requestsOnConnection = 0;
        var connects = Interlocked.Increment(ref _connects);
        LogConnected(_logger, _options.DeviceName, _options.Host, _options.Port, connects);
        return stream;
    }

    private void Disconnect()
    {
        var stream = Interlocked.Exchange(ref _stream, null);
        if (stream is not null)
        {
            stream.Dispose();
            LogDisconnected(_logger, _options.DeviceName);
        }
    }

    private DeviceException MapSocketFailure(Exception ex, string during)
    {
        var socketError = (ex as SocketException ?? ex.InnerException as SocketException)?.SocketErrorCode;
        return socketError switch
        {
            SocketError.ConnectionRefused =>
                new ModbusConnectionException($"{Name}: connection refused", ex),
            SocketError.ConnectionReset or SocketError.ConnectionAborted or SocketError.Shutdown or SocketError.NotConnected =>
                new ModbusConnectionException($"{Name}: connection closed by the device during {during}", ex),
            SocketError.TimedOut =>
                new ModbusTimeoutException($"{Name}: TCP timed out during {during}", ex),
            _ => new DeviceException($"{Name}: {during} failed: {ex.Message}", ex),
        };
    }

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "{Device}: connected to {Host}:{Port} (connect #{Connects})")]
    private static partial void LogConnected(ILogger logger, string device, string host, int port, long connects);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Debug, Message = "{Device}: connection closed; the next request reconnects")]
    private static partial void LogDisconnected(ILogger logger, string device);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Warning, Message = "{Device}: discarded a stale response with transaction id {Received} while waiting for {Expected} ({Count} so far)")]
    private static partial void LogStaleResponse(ILogger logger, string device, ushort received, ushort expected, long count);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Information, Message = "{Device}: {Problem}; retrying once on a new connection ({Retries} so far)")]
    private static partial void LogRetry(ILogger logger, string device, string problem, long retries);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Warning, Message = "{Device}: protocol error: {Problem}")]
    private static partial void LogProtocolError(ILogger logger, string device, string problem);
}
