using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using SmartCustoms.Simulators.Faults;
using SmartCustoms.Simulators.Tcp;
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
    private readonly FaultableTcpListener _tcp;
    private long _requests;
    private long _exceptions;
    private long _badFrames;

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
        _tcp = new FaultableTcpListener(device, faults, (socket, id, ct) => ServeAsync(socket, socket.RemoteEndPoint, new Random(id), ct), logger, _time);
    }

    public string Device { get; }

    public IModbusDataModel Model { get; }

    public DeviceFaultInjector Faults { get; }

    /// <summary>The bound endpoint (the actual port when 0 was asked for). Valid after <see cref="StartAsync"/>.</summary>
    public IPEndPoint Endpoint => _tcp.Endpoint;

    public int ConnectionCount => _tcp.ConnectionCount;

    /// <summary>Requests answered (normal and exception responses).</summary>
    public long RequestsServed => Interlocked.Read(ref _requests);

    public long ExceptionsSent => Interlocked.Read(ref _exceptions);

    /// <summary>Connections closed for a malformed MBAP header.</summary>
    public long BadFrames => Interlocked.Read(ref _badFrames);

    public bool IsListening => _tcp.IsListening;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        _tcp.Start(new IPEndPoint(_options.BindAddress, _options.Port));
        ModbusLog.Listening(_logger, Device, _options.UnitId, Endpoint);
        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync() => _tcp.DisposeAsync();

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
