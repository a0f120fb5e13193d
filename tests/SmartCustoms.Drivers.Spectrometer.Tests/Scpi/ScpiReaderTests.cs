using System.Text;
using Microsoft.Extensions.Time.Testing;
using SmartCustoms.Drivers.Abstractions;
using SmartCustoms.Drivers.Spectrometer.Scpi;
using SmartCustoms.Drivers.Spectrometer.Tests.Fakes;

namespace SmartCustoms.Drivers.Spectrometer.Tests.Scpi;

public sealed class ScpiReaderTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);
    private readonly FakeTimeProvider _time = new();
    private readonly TrackingArrayPool _pool = new();
    private readonly InstrumentStream _stream = new();

    [Fact]
    public async Task ReadBlock_valid_block_returns_exact_payload()
    {
        using var reader = Reader();
        _stream.Push([.. "#18"u8, 1, 2, 3, 4, 5, 6, 7, 8, (byte)'\n']);

        using var block = await reader.ReadBlockAsync(CancellationToken.None);

        Assert.Equal(new byte[] { 1, 2, 3, 4, 5, 6, 7, 8 }, block.Span.ToArray());
    }

    [Fact]
    public async Task ReadBlock_accepts_crlf_and_bytes_arriving_one_at_a_time()
    {
        using var reader = Reader();
        var payload = Enumerable.Range(0, 1200).Select(i => (byte)i).ToArray();
        byte[] bytes = [.. Encoding.ASCII.GetBytes("#41200"), .. payload, (byte)'\r', (byte)'\n'];
        foreach (var b in bytes)
        {
            _stream.Push([b]);
        }

        using var block = await reader.ReadBlockAsync(CancellationToken.None);

        Assert.Equal(payload, block.Span.ToArray());
    }

    [Fact]
    public async Task ReadBlock_then_line_keeps_the_stream_position()
    {
        using var reader = Reader();
        _stream.Push([.. Wire.FloatBlock([1.5f, 2.5f]), .. Wire.Line("0,\"No error\"")]);

        using (var block = await reader.ReadBlockAsync(CancellationToken.None))
        {
            Assert.Equal(8, block.Length);
        }

        Assert.Equal("0,\"No error\"", await reader.ReadLineAsync(CancellationToken.None));
    }

    [Theory]
    [InlineData("#0abcd\n", "indefinite-length block (#0)")]
    [InlineData("#A4abcd\n", "digit count after '#' must be 1-9, got 'A'")]
    [InlineData("#2x4abcd\n", "length field has a non-digit 'x'")]
    [InlineData("#13abc\n", "block length 3 is not a multiple of 4")]
    [InlineData("#14abcdX", "missing newline after the block: got 'X'")]
    [InlineData("-113,\"Undefined header\"\n", "expected a definite-length block starting with '#', got \"-113,\"Undefined header\"\" (first byte 0x2D)")]
    public async Task ReadBlock_malformed_block_throws_protocol_exception_naming_the_problem(string reply, string expected)
    {
        using var reader = Reader();
        _stream.Push(reply);

        var ex = await Assert.ThrowsAsync<ProtocolException>(() => reader.ReadBlockAsync(CancellationToken.None).AsTask());

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadBlock_oversized_block_is_rejected_before_allocating_it()
    {
        using var reader = Reader(maxBlockBytes: 4096);
        _stream.Push("#9900000000");

        var ex = await Assert.ThrowsAsync<ProtocolException>(() => reader.ReadBlockAsync(CancellationToken.None).AsTask());

        Assert.Contains("block of 900000000 bytes exceeds the configured maximum of 4096 bytes", ex.Message, StringComparison.Ordinal);
        Assert.True(_pool.LargestRequest < 1_000_000, $"rented {_pool.LargestRequest} bytes");
    }

    [Fact]
    public async Task ReadBlock_truncated_by_closed_connection_throws_and_reports_peer_closed()
    {
        using var reader = Reader();
        _stream.Push("#18abcd");
        _stream.CloseFromInstrument();

        var ex = await Assert.ThrowsAsync<ProtocolException>(() => reader.ReadBlockAsync(CancellationToken.None).AsTask());

        Assert.Contains("block truncated in the block payload: the connection closed after 4 of 8 bytes", ex.Message, StringComparison.Ordinal);
        Assert.True(reader.PeerClosed);
    }

    [Fact]
    public async Task ReadBlock_truncated_by_timeout_throws_protocol_exception()
    {
        using var reader = Reader();
        _stream.Push("#18abcd");
        var read = reader.ReadBlockAsync(CancellationToken.None).AsTask();

        _time.Advance(Timeout);

        var ex = await Assert.ThrowsAsync<ProtocolException>(() => read);
        Assert.Contains("block truncated: 4 of 8 payload bytes arrived within the reply timeout of 2000 ms", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadBlock_header_cut_by_closed_connection_throws_protocol_exception()
    {
        using var reader = Reader();
        _stream.Push("#21");
        _stream.CloseFromInstrument();

        var ex = await Assert.ThrowsAsync<ProtocolException>(() => reader.ReadBlockAsync(CancellationToken.None).AsTask());

        Assert.Contains("block truncated in the block header", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadBlock_missing_newline_at_end_of_stream_throws_protocol_exception()
    {
        using var reader = Reader();
        _stream.Push("#14abcd");
        _stream.CloseFromInstrument();

        var ex = await Assert.ThrowsAsync<ProtocolException>(() => reader.ReadBlockAsync(CancellationToken.None).AsTask());

        Assert.Contains("missing newline after the block: the connection closed", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Silence_throws_reply_timeout_after_the_monotonic_timeout()
    {
        using var reader = Reader();
        var read = reader.ReadBlockAsync(CancellationToken.None).AsTask();

        _time.Advance(Timeout - TimeSpan.FromMilliseconds(1));
        Assert.False(read.IsCompleted);
        _time.Advance(TimeSpan.FromMilliseconds(1));

        var ex = await Assert.ThrowsAsync<ReplyTimeoutException>(() => read);
        Assert.Contains("no reply within the reply timeout of 2000 ms", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connection_closed_before_any_reply_is_a_device_exception_not_a_protocol_one()
    {
        using var reader = Reader();
        _stream.CloseFromInstrument();

        var ex = await Assert.ThrowsAsync<DeviceException>(() => reader.ReadLineAsync(CancellationToken.None).AsTask());

        Assert.IsNotType<ProtocolException>(ex);
        Assert.True(reader.PeerClosed);
    }

    [Fact]
    public async Task Caller_cancellation_is_not_reported_as_timeout()
    {
        using var reader = Reader();
        using var cts = new CancellationTokenSource();
        var read = reader.ReadLineAsync(cts.Token).AsTask();

        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => read);
    }

    [Fact]
    public async Task ReadLine_strips_cr_and_splits_lines_arriving_together()
    {
        using var reader = Reader();
        _stream.Push("Acme,NIR,1,2\r\n256\n");

        Assert.Equal("Acme,NIR,1,2", await reader.ReadLineAsync(CancellationToken.None));
        Assert.Equal("256", await reader.ReadLineAsync(CancellationToken.None));
    }

    [Fact]
    public async Task ReadLine_longer_than_the_limit_throws()
    {
        using var reader = new ScpiReader(_stream, new ScpiReaderLimits(Timeout, 4096, 100), _time, _pool);
        _stream.Push(new string('9', 300));

        var ex = await Assert.ThrowsAsync<ProtocolException>(() => reader.ReadLineAsync(CancellationToken.None).AsTask());

        Assert.Contains("exceeds the maximum of 100 bytes", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadLine_longer_than_the_initial_buffer_grows_up_to_the_limit()
    {
        using var reader = new ScpiReader(_stream, new ScpiReaderLimits(Timeout, 4096, 300_000), _time, _pool);
        var text = new string('7', 200_000);
        _stream.Push(text + "\n");

        Assert.Equal(text, await reader.ReadLineAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Pooled_buffers_all_go_back_after_success_and_failure()
    {
        var reader = Reader();
        _stream.Push([.. Wire.FloatBlock([1f, 2f, 3f]), .. "#18abcd"u8]);
        _stream.CloseFromInstrument();
        using (await reader.ReadBlockAsync(CancellationToken.None))
        {
        }

        await Assert.ThrowsAsync<ProtocolException>(() => reader.ReadBlockAsync(CancellationToken.None).AsTask());
        reader.Dispose();

        Assert.Equal(0, _pool.Outstanding);
    }

    public void Dispose() => _stream.Dispose();

    private ScpiReader Reader(int maxBlockBytes = 1 << 20) =>
        new(_stream, new ScpiReaderLimits(Timeout, maxBlockBytes, 64 * 1024), _time, _pool);
}
