using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace SmartCustoms.Drivers.Modbus.Tests.Infrastructure;

/// <summary>
/// A minimal Modbus TCP server for integration tests (scaffolding, not the lane simulator). It is written
/// from the specification with raw bytes, independent of the driver's codec, so a codec bug cannot hide
/// on both sides. Registers are plain arrays; knobs let a test freeze the heartbeat, withhold the
/// sampler's acknowledge, stall, inject frames, or stop listening and resume on the same port.
/// </summary>
internal sealed class ModbusTestResponder : IAsyncDisposable
{
    private readonly object _gate = new();
    private readonly List<TcpClient> _connections = [];
    private readonly CancellationTokenSource _stop = new();
    private TcpListener? _listener;
    private Task _acceptLoop = Task.CompletedTask;
    private int _requests;
    private int _accepted;

    private ModbusTestResponder()
    {
    }

    public int Port { get; private set; }

    public ushort[] Holding { get; } = new ushort[32];

    public ushort[] Input { get; } = new ushort[32];

    public bool[] Discrete { get; } = new bool[32];

    /// <summary>Input register incremented on every FC04 read (a live heartbeat), unless frozen.</summary>
    public int? HeartbeatRegister { get; set; }

    public volatile bool FreezeHeartbeat;

    /// <summary>Sampler behaviour: copy holding register 1 to input register 1 when it is written.</summary>
    public volatile bool AutoAcknowledge;

    /// <summary>Read requests but never answer.</summary>
    public volatile bool Stall;

    /// <summary>If set, replaces the frames sent for the next request: (request ADU, normal response ADU) → frames to send.</summary>
    public Func<byte[], byte[], IEnumerable<byte[]>>? Mangle { get; set; }

    public int Requests => Volatile.Read(ref _requests);

    public int AcceptedConnections => Volatile.Read(ref _accepted);

    /// <summary>Every request PDU received, in order.</summary>
    public List<byte[]> ReceivedPdus { get; } = [];

    public static ModbusTestResponder Start()
    {
        var responder = new ModbusTestResponder();
        responder.Listen(0);
        return responder;
    }

    public T WithRegisters<T>(Func<ModbusTestResponder, T> action)
    {
        lock (_gate)
        {
            return action(this);
        }
    }

    public void WithRegisters(Action<ModbusTestResponder> action)
    {
        lock (_gate)
        {
            action(this);
        }
    }

    /// <summary>Stops listening and closes every connection: clients get "closed", then "refused".</summary>
    public async Task GoOfflineAsync()
    {
        var listener = _listener;
        _listener = null;
        listener?.Stop();
        await _acceptLoop;
        DropConnections();
    }

    /// <summary>Listens again on the same port.</summary>
    public void ComeBackOnline() => Listen(Port);

    public void DropConnections()
    {
        lock (_connections)
        {
            foreach (var connection in _connections)
            {
                // Already closed when its client went away first.
                connection.Client?.Close(0);
                connection.Dispose();
            }

            _connections.Clear();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await GoOfflineAsync();
        _stop.Dispose();
    }

    private void Listen(int port)
    {
        var listener = new TcpListener(IPAddress.Loopback, port);
        listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        listener.Start();
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        _listener = listener;
        _acceptLoop = AcceptAsync(listener);
    }

    private async Task AcceptAsync(TcpListener listener)
    {
        while (true)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException or OperationCanceledException)
            {
                return;
            }

            Interlocked.Increment(ref _accepted);
            lock (_connections)
            {
                _connections.Add(client);
            }

            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        try
        {
            var stream = client.GetStream();
            var header = new byte[7];
            while (true)
            {
                await stream.ReadExactlyAsync(header, _stop.Token);
                var length = BinaryPrimitives.ReadUInt16BigEndian(header.AsSpan(4));
                var pdu = new byte[length - 1];
                await stream.ReadExactlyAsync(pdu, _stop.Token);
                Interlocked.Increment(ref _requests);
                var responsePdu = Answer(pdu);
                if (Stall)
                {
                    continue;
                }

                var response = new byte[7 + responsePdu.Length];
                header.AsSpan(0, 4).CopyTo(response);
                BinaryPrimitives.WriteUInt16BigEndian(response.AsSpan(4), (ushort)(responsePdu.Length + 1));
                response[6] = header[6];
                responsePdu.CopyTo(response, 7);

                var mangle = Mangle;
                Mangle = null;
                var request = header.Concat(pdu).ToArray();
                foreach (var frame in mangle is null ? [response] : mangle(request, response))
                {
                    await stream.WriteAsync(frame, _stop.Token);
                }
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or OperationCanceledException or EndOfStreamException)
        {
            // The client went away or the test stopped the responder.
        }
        finally
        {
            client.Dispose();
        }
    }

    private byte[] Answer(byte[] pdu)
    {
        lock (_gate)
        {
            ReceivedPdus.Add(pdu);
            var function = pdu[0];
            var address = BinaryPrimitives.ReadUInt16BigEndian(pdu.AsSpan(1));
            var quantity = BinaryPrimitives.ReadUInt16BigEndian(pdu.AsSpan(3));
            switch (function)
            {
                case 0x02:
                    if (address + quantity > Discrete.Length)
                    {
                        return [(byte)(function | 0x80), 0x02];
                    }

                    var bits = new byte[2 + ((quantity + 7) / 8)];
                    bits[0] = function;
                    bits[1] = (byte)(bits.Length - 2);
                    for (var i = 0; i < quantity; i++)
                    {
                        if (Discrete[address + i])
                        {
                            bits[2 + (i / 8)] |= (byte)(1 << (i % 8));
                        }
                    }

                    return bits;
                case 0x03:
                case 0x04:
                    var table = function == 0x03 ? Holding : Input;
                    if (address + quantity > table.Length)
                    {
                        return [(byte)(function | 0x80), 0x02];
                    }

                    if (function == 0x04 && HeartbeatRegister is int beat && !FreezeHeartbeat)
                    {
                        Input[beat]++;
                    }

                    var registers = new byte[2 + (2 * quantity)];
                    registers[0] = function;
                    registers[1] = (byte)(2 * quantity);
                    for (var i = 0; i < quantity; i++)
                    {
                        BinaryPrimitives.WriteUInt16BigEndian(registers.AsSpan(2 + (2 * i)), table[address + i]);
                    }

                    return registers;
                case 0x06:
                    Holding[address] = quantity;
                    AfterWrite(address, 1);
                    return pdu[..5];
                case 0x10:
                    for (var i = 0; i < quantity; i++)
                    {
                        Holding[address + i] = BinaryPrimitives.ReadUInt16BigEndian(pdu.AsSpan(6 + (2 * i)));
                    }

                    AfterWrite(address, quantity);
                    return pdu[..5];
                default:
                    return [(byte)(function | 0x80), 0x01];
            }
        }
    }

    private void AfterWrite(int address, int quantity)
    {
        if (AutoAcknowledge && address <= 1 && address + quantity > 1)
        {
            Input[1] = Holding[1];
        }
    }
}
