using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace SmartCustoms.Simulators.Tests;

/// <summary>A minimal SCPI client written for the tests (independent of the drivers), with a deadline on every read.</summary>
internal sealed class ScpiTestClient : IAsyncDisposable
{
    private readonly TcpClient _client;
    private readonly NetworkStream _stream;
    private readonly TimeSpan _timeout;

    private ScpiTestClient(TcpClient client, TimeSpan timeout)
    {
        _client = client;
        _stream = client.GetStream();
        _timeout = timeout;
    }

    public static async Task<ScpiTestClient> ConnectAsync(IPEndPoint endpoint, TimeSpan? timeout = null)
    {
        var client = new TcpClient();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await client.ConnectAsync(endpoint, cts.Token);
        return new ScpiTestClient(client, timeout ?? TimeSpan.FromSeconds(10));
    }

    public Task SendAsync(string command) => _stream.WriteAsync(Encoding.ASCII.GetBytes(command + "\n")).AsTask();

    public async Task<string> QueryAsync(string command)
    {
        await SendAsync(command);
        return await ReadLineAsync();
    }

    public async Task<string> ReadLineAsync()
    {
        var bytes = new List<byte>();
        while (true)
        {
            byte b = await ReadByteAsync();
            if (b == (byte)'\n')
            {
                return Encoding.ASCII.GetString([.. bytes]);
            }

            bytes.Add(b);
        }
    }

    /// <summary>Reads an IEEE 488.2 definite-length block and its newline; throws if the bytes are not one.</summary>
    public async Task<byte[]> ReadBlockAsync()
    {
        byte hash = await ReadByteAsync();
        if (hash != (byte)'#')
        {
            throw new InvalidDataException($"Expected '#', got 0x{hash:X2}.");
        }

        int digits = (await ReadByteAsync()) - '0';
        if (digits is < 1 or > 9)
        {
            throw new InvalidDataException("Bad block length digit count.");
        }

        var len = await ReadExactAsync(digits);
        int length = int.Parse(Encoding.ASCII.GetString(len), System.Globalization.CultureInfo.InvariantCulture);
        var data = await ReadExactAsync(length);
        if (await ReadByteAsync() != (byte)'\n')
        {
            throw new InvalidDataException("Block not followed by a newline.");
        }

        return data;
    }

    /// <summary>Whatever arrives within <paramref name="window"/> (used to prove that nothing or garbage arrives).</summary>
    public async Task<byte[]> ReadAvailableAsync(TimeSpan window)
    {
        var buffer = new byte[4096];
        using var cts = new CancellationTokenSource(window);
        try
        {
            int n = await _stream.ReadAsync(buffer, cts.Token);
            return buffer[..n];
        }
        catch (OperationCanceledException)
        {
            return [];
        }
    }

    public static float[] Floats(ReadOnlySpan<byte> data)
    {
        var result = new float[data.Length / 4];
        for (int i = 0; i < result.Length; i++)
        {
            result[i] = BinaryPrimitives.ReadSingleLittleEndian(data[(i * 4)..]);
        }

        return result;
    }

    public async ValueTask DisposeAsync()
    {
        await _stream.DisposeAsync();
        _client.Dispose();
    }

    private async Task<byte> ReadByteAsync() => (await ReadExactAsync(1))[0];

    private async Task<byte[]> ReadExactAsync(int count)
    {
        var data = new byte[count];
        using var cts = new CancellationTokenSource(_timeout);
        await _stream.ReadExactlyAsync(data, cts.Token);
        return data;
    }
}
