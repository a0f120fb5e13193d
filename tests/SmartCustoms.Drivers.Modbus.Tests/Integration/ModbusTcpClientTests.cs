using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using SmartCustoms.Drivers.Abstractions;
using SmartCustoms.Drivers.Modbus.Protocol;
using SmartCustoms.Drivers.Modbus.Tests.Infrastructure;

namespace SmartCustoms.Drivers.Modbus.Tests.Integration;

/// <summary>The client over real loopback sockets against the in-test responder.</summary>
#pragma warning disable CA1001 // xunit disposes the fields through IAsyncLifetime.DisposeAsync.
public sealed class ModbusTcpClientTests : IAsyncLifetime
#pragma warning restore CA1001
{
    private ModbusTestResponder _responder = null!;
    private ModbusTcpClient _client = null!;

    public Task InitializeAsync()
    {
        _responder = ModbusTestResponder.Start();
        // Generous timeouts: the build box is shared and loaded; tests of the timeout itself make their own client.
        _client = NewClient(TimeSpan.FromSeconds(5));
        return Task.CompletedTask;
    }

    private ModbusTcpClient NewClient(TimeSpan requestTimeout) =>
        new(new ModbusTcpClientOptions("test", "127.0.0.1", _responder.Port, 1, TimeSpan.FromSeconds(5), requestTimeout), TimeProvider.System);

    public async Task DisposeAsync()
    {
        await _client.DisposeAsync();
        await _responder.DisposeAsync();
    }

    [Fact]
    public async Task Every_function_round_trips()
    {
        _responder.WithRegisters(r =>
        {
            r.Input[3] = 0xBEEF;
            r.Discrete[2] = true;
        });
        await _client.WriteSingleRegisterAsync(4, 0x1234, CancellationToken.None);
        await _client.WriteMultipleRegistersAsync(5, [7, 8, 9], CancellationToken.None);
        Assert.Equal(new ushort[] { 0x1234, 7, 8, 9 }, await _client.ReadHoldingRegistersAsync(4, 4, CancellationToken.None));
        Assert.Equal((ushort)0xBEEF, (await _client.ReadInputRegistersAsync(0, 10, CancellationToken.None))[3]);
        Assert.Equal(new[] { false, false, true, false }, await _client.ReadDiscreteInputsAsync(0, 4, CancellationToken.None));
        Assert.Equal(1, _client.Connects);
    }

    [Fact]
    public async Task Exception_response_is_a_modbus_exception_and_keeps_the_connection()
    {
        var ex = await Assert.ThrowsAsync<ModbusException>(() => _client.ReadInputRegistersAsync(30, 5, CancellationToken.None));
        Assert.Equal(ModbusExceptionCode.IllegalDataAddress, ex.Code);
        Assert.StartsWith("test (127.0.0.1:", ex.Message, StringComparison.Ordinal);
        await _client.ReadInputRegistersAsync(0, 1, CancellationToken.None);
        Assert.Equal(1, _client.Connects);
        Assert.Equal(1, _client.ExceptionResponses);
    }

    [Fact]
    public async Task Late_duplicate_of_an_earlier_response_is_discarded_and_counted()
    {
        await _client.ReadInputRegistersAsync(0, 1, CancellationToken.None);
        byte[]? previous = null;
        _responder.Mangle = (_, response) =>
        {
            // Replay an answer to the previous transaction before the real one.
            previous = response.ToArray();
            BinaryPrimitives.WriteUInt16BigEndian(previous, (ushort)(BinaryPrimitives.ReadUInt16BigEndian(response) - 1));
            return [previous, response];
        };
        _responder.WithRegisters(r => r.Input[0] = 99);
        var registers = await _client.ReadInputRegistersAsync(0, 1, CancellationToken.None);
        Assert.Equal((ushort)99, registers[0]);
        Assert.NotNull(previous);
        Assert.Equal(1, _client.StaleResponsesDiscarded);
        Assert.Equal(1, _client.Connects);
    }

    [Fact]
    public async Task Unknown_transaction_id_is_a_protocol_error_and_the_next_call_reconnects()
    {
        _responder.Mangle = (_, response) =>
        {
            BinaryPrimitives.WriteUInt16BigEndian(response, 0x7777);
            return [response];
        };
        var ex = await Assert.ThrowsAsync<ProtocolException>(() => _client.ReadInputRegistersAsync(0, 1, CancellationToken.None));
        Assert.Contains("transaction id 30583 does not match", ex.Message, StringComparison.Ordinal);
        Assert.False(_client.IsConnected);
        await _client.ReadInputRegistersAsync(0, 1, CancellationToken.None);
        Assert.Equal(2, _client.Connects);
        Assert.Equal(1, _client.ProtocolErrors);
    }

    [Fact]
    public async Task Garbage_length_field_is_a_protocol_error()
    {
        _responder.Mangle = (_, _) => [Hex.Bytes("0001 0000 FFFF 01 04 02 0000")];
        var ex = await Assert.ThrowsAsync<ProtocolException>(() => _client.ReadInputRegistersAsync(0, 1, CancellationToken.None));
        Assert.Contains("exceeds the maximum of 254", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Silent_device_times_out_then_the_next_call_reconnects()
    {
        await using var client = NewClient(TimeSpan.FromMilliseconds(500));
        await client.ReadInputRegistersAsync(0, 1, CancellationToken.None);
        _responder.Stall = true;
        var started = TimeProvider.System.GetTimestamp();
        var ex = await Assert.ThrowsAsync<ModbusTimeoutException>(() => client.ReadInputRegistersAsync(0, 1, CancellationToken.None));
        Assert.Contains("within 500 ms", ex.Message, StringComparison.Ordinal);
        Assert.True(TimeProvider.System.GetElapsedTime(started) >= TimeSpan.FromMilliseconds(450));
        Assert.False(client.IsConnected);
        _responder.Stall = false;
        await client.ReadInputRegistersAsync(0, 1, CancellationToken.None);
        Assert.Equal(2, client.Connects);
        Assert.Equal(1, client.Timeouts);
    }

    [Fact]
    public async Task Half_a_frame_then_silence_times_out()
    {
        await using var client = NewClient(TimeSpan.FromMilliseconds(500));
        _responder.Mangle = (_, response) => [response[..9]];
        await Assert.ThrowsAsync<ModbusTimeoutException>(() => client.ReadInputRegistersAsync(0, 1, CancellationToken.None));
        await client.ReadInputRegistersAsync(0, 1, CancellationToken.None);
    }

    [Fact]
    public async Task Closed_and_refused_connections_are_connection_failures()
    {
        await _client.ReadInputRegistersAsync(0, 1, CancellationToken.None);
        await _responder.GoOfflineAsync();
        // The open connection was reset (or reads end of stream), then the port refuses.
        await Assert.ThrowsAsync<ModbusConnectionException>(() => _client.ReadInputRegistersAsync(0, 1, CancellationToken.None));
        var refused = await Assert.ThrowsAsync<ModbusConnectionException>(() => _client.ReadInputRegistersAsync(0, 1, CancellationToken.None));
        Assert.Contains("connection refused", refused.Message, StringComparison.Ordinal);
        _responder.ComeBackOnline();
        await _client.ReadInputRegistersAsync(0, 1, CancellationToken.None);
    }

    [Fact]
    public async Task Connection_the_device_closed_while_idle_is_replaced_within_the_same_call()
    {
        await _client.ReadInputRegistersAsync(0, 1, CancellationToken.None);
        _responder.DropConnections();
        await _client.ReadInputRegistersAsync(0, 1, CancellationToken.None);
        Assert.Equal(2, _client.Connects);
        Assert.Equal(1, _client.ReconnectRetries);
    }

    [Fact]
    public async Task Concurrent_callers_are_serialised_and_each_gets_its_own_answer()
    {
        _responder.WithRegisters(r =>
        {
            for (var i = 0; i < 20; i++)
            {
                r.Input[i] = (ushort)(1000 + i);
            }
        });
        var reads = Enumerable.Range(0, 200)
            .Select(i => Task.Run(async () => (i % 20, await _client.ReadInputRegistersAsync((ushort)(i % 20), 1, CancellationToken.None))))
            .ToArray();
        foreach (var (address, registers) in await Task.WhenAll(reads))
        {
            Assert.Equal((ushort)(1000 + address), registers[0]);
        }
    }

    [Fact]
    public async Task Caller_cancellation_is_not_reported_as_a_timeout()
    {
        _responder.Stall = true;
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _client.ReadInputRegistersAsync(0, 1, cts.Token));
        Assert.Equal(0, _client.Timeouts);
    }

    [Fact]
    public async Task Connect_to_a_port_nobody_listens_on_is_refused()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        await using var client = new ModbusTcpClient(
            new ModbusTcpClientOptions("nobody", "127.0.0.1", port, 1, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1)),
            TimeProvider.System);
        var ex = await Assert.ThrowsAsync<ModbusConnectionException>(() => client.ReadInputRegistersAsync(0, 1, CancellationToken.None));
        Assert.Contains("connection refused", ex.Message, StringComparison.Ordinal);
    }
}
