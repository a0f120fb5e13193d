using System.Buffers;
using System.Globalization;
using System.Text;
using SmartCustoms.Drivers.Abstractions;

namespace SmartCustoms.Drivers.Spectrometer.Scpi;

/// <summary>
/// Reads SCPI replies from a byte stream: newline-terminated text lines and IEEE 488.2
/// definite-length blocks (<c>#&lt;d&gt;&lt;len&gt;&lt;bytes&gt;</c> then <c>\n</c>).
/// Every reply must complete within <see cref="ScpiReaderLimits.ReplyTimeout"/>.
/// Malformed, truncated and oversized replies throw <see cref="ProtocolException"/>; silence throws
/// <see cref="ReplyTimeoutException"/>; a stream closed before the reply throws <see cref="DeviceException"/>.
/// After any exception the stream position is unknown: the caller must drop the connection.
/// Not thread-safe: one reply at a time (see <see cref="ScpiSession"/>).
/// </summary>
public sealed class ScpiReader : IDisposable
{
    private const int InitialBufferBytes = 64 * 1024;

    private readonly Stream _stream;
    private readonly ScpiReaderLimits _limits;
    private readonly TimeProvider _time;
    private readonly ArrayPool<byte> _pool;
    private byte[] _buffer;
    private int _start;
    private int _end;

    public ScpiReader(Stream stream, ScpiReaderLimits limits, TimeProvider time, ArrayPool<byte>? pool = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentOutOfRangeException.ThrowIfLessThan(limits.MaxBlockBytes, 4);
        ArgumentOutOfRangeException.ThrowIfLessThan(limits.MaxLineBytes, 16);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(limits.ReplyTimeout, TimeSpan.Zero);
        _stream = stream;
        _limits = limits;
        _time = time;
        _pool = pool ?? ArrayPool<byte>.Shared;
        _buffer = _pool.Rent(InitialBufferBytes);
    }

    /// <summary>True once the stream reported end-of-stream (the peer closed the connection).</summary>
    public bool PeerClosed { get; private set; }

    /// <summary>Reads one text line; a trailing <c>\r</c> is dropped.</summary>
    public async ValueTask<string> ReadLineAsync(CancellationToken cancellationToken)
    {
        using var timeout = StartReplyTimer(cancellationToken);
        var scanned = 0;
        try
        {
            while (true)
            {
                var index = _buffer.AsSpan(_start + scanned, _end - _start - scanned).IndexOf((byte)'\n');
                if (index >= 0)
                {
                    var lineLength = scanned + index;
                    if (lineLength > _limits.MaxLineBytes)
                    {
                        throw new ProtocolException(string.Create(CultureInfo.InvariantCulture,
                            $"reply line of {lineLength} bytes exceeds the maximum of {_limits.MaxLineBytes}"));
                    }

                    var line = _buffer.AsSpan(_start, lineLength);
                    if (line.Length > 0 && line[^1] == (byte)'\r')
                    {
                        line = line[..^1];
                    }

                    var text = Encoding.ASCII.GetString(line);
                    _start += lineLength + 1;
                    return text;
                }

                scanned = _end - _start;
                if (scanned > _limits.MaxLineBytes)
                {
                    throw new ProtocolException(string.Create(CultureInfo.InvariantCulture,
                        $"reply line exceeds the maximum of {_limits.MaxLineBytes} bytes without a newline"));
                }

                if (!await FillAsync(growLimit: _limits.MaxLineBytes + 2, timeout.Token).ConfigureAwait(false))
                {
                    throw scanned == 0
                        ? new DeviceException("the instrument closed the connection before replying")
                        : new ProtocolException(string.Create(CultureInfo.InvariantCulture,
                            $"reply line truncated: the connection closed after {scanned} bytes without a newline"));
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw scanned == 0
                ? new ReplyTimeoutException(TimeoutMessage("no reply"))
                : new ProtocolException(TimeoutMessage(string.Create(CultureInfo.InvariantCulture,
                    $"reply line truncated after {scanned} bytes without a newline")));
        }
    }

    /// <summary>Reads one definite-length block. The caller owns (and must dispose) the result.</summary>
    public async ValueTask<ScpiBlock> ReadBlockAsync(CancellationToken cancellationToken)
    {
        using var timeout = StartReplyTimer(cancellationToken);
        var token = timeout.Token;
        var part = "reply";
        byte[]? payload = null;
        var length = 0;
        var received = 0;
        var done = false;
        try
        {
            var first = await ReadByteAsync(token).ConfigureAwait(false);
            if (first < 0)
            {
                throw new DeviceException("the instrument closed the connection before replying");
            }

            if (first != '#')
            {
                throw new ProtocolException($"expected a definite-length block starting with '#', got {Preview((byte)first)}");
            }

            part = "block header";
            var digits = await ReadByteAsync(token).ConfigureAwait(false);
            if (digits < 0)
            {
                throw Truncated(part, "the connection closed");
            }

            if (digits == '0')
            {
                throw new ProtocolException("indefinite-length block (#0) is not supported: the instrument must send a definite length");
            }

            if (digits is < '1' or > '9')
            {
                throw new ProtocolException($"block header: the digit count after '#' must be 1-9, got {Describe(digits)}");
            }

            long announced = 0;
            for (var i = 0; i < digits - '0'; i++)
            {
                var c = await ReadByteAsync(token).ConfigureAwait(false);
                if (c < 0)
                {
                    throw Truncated(part, "the connection closed");
                }

                if (c is < '0' or > '9')
                {
                    throw new ProtocolException($"block header: the length field has a non-digit {Describe(c)}");
                }

                announced = (announced * 10) + (c - '0');
            }

            if (announced > _limits.MaxBlockBytes)
            {
                throw new ProtocolException(string.Create(CultureInfo.InvariantCulture,
                    $"block of {announced} bytes exceeds the configured maximum of {_limits.MaxBlockBytes} bytes"));
            }

            if (announced % 4 != 0)
            {
                throw new ProtocolException(string.Create(CultureInfo.InvariantCulture,
                    $"block length {announced} is not a multiple of 4 (the payload is float32 data)"));
            }

            length = (int)announced;
            payload = length == 0 ? [] : _pool.Rent(length);
            part = "block payload";
            while (received < length)
            {
                var buffered = _end - _start;
                if (buffered > 0)
                {
                    var take = Math.Min(buffered, length - received);
                    _buffer.AsSpan(_start, take).CopyTo(payload.AsSpan(received));
                    _start += take;
                    received += take;
                    continue;
                }

                // Large payloads go straight from the socket into the block, without a second copy.
                var n = await _stream.ReadAsync(payload.AsMemory(received, length - received), token).ConfigureAwait(false);
                if (n == 0)
                {
                    PeerClosed = true;
                    throw Truncated(part, string.Create(CultureInfo.InvariantCulture,
                        $"the connection closed after {received} of {length} bytes"));
                }

                received += n;
            }

            part = "newline after the block";
            var terminator = await ReadByteAsync(token).ConfigureAwait(false);
            if (terminator == '\r')
            {
                terminator = await ReadByteAsync(token).ConfigureAwait(false);
            }

            if (terminator < 0)
            {
                throw new ProtocolException("missing newline after the block: the connection closed");
            }

            if (terminator != '\n')
            {
                throw new ProtocolException($"missing newline after the block: got {Describe(terminator)}");
            }

            done = true;
            return new ScpiBlock(payload, length, length == 0 ? null : _pool);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            if (part == "reply")
            {
                throw new ReplyTimeoutException(TimeoutMessage("no reply"));
            }

            throw part == "block payload"
                ? new ProtocolException(TimeoutMessage(string.Create(CultureInfo.InvariantCulture,
                    $"block truncated: {received} of {length} payload bytes arrived")))
                : new ProtocolException(TimeoutMessage($"block truncated in the {part}"));
        }
        finally
        {
            if (!done && payload is { Length: > 0 })
            {
                _pool.Return(payload);
            }
        }
    }

    public void Dispose()
    {
        var buffer = Interlocked.Exchange(ref _buffer, []);
        if (buffer.Length > 0)
        {
            _pool.Return(buffer);
        }
    }

    private static ProtocolException Truncated(string part, string why) =>
        new($"block truncated in the {part}: {why}");

    private static string Describe(int b) =>
        b is >= 0x20 and < 0x7F
            ? string.Create(CultureInfo.InvariantCulture, $"'{(char)b}' (0x{b:X2})")
            : string.Create(CultureInfo.InvariantCulture, $"byte 0x{b:X2}");

    private string Preview(byte first)
    {
        // Show what the instrument sent instead (often an error text), without waiting for more.
        var available = _buffer.AsSpan(_start, Math.Min(_end - _start, 40));
        var text = new StringBuilder(48);
        text.Append(first is >= 0x20 and < 0x7F ? (char)first : '.');
        foreach (var b in available)
        {
            if (b == '\n')
            {
                break;
            }

            text.Append(b is >= 0x20 and < 0x7F ? (char)b : '.');
        }

        return string.Create(CultureInfo.InvariantCulture, $"\"{text}\" (first byte 0x{first:X2})");
    }

    private string TimeoutMessage(string what) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{what} within the reply timeout of {_limits.ReplyTimeout.TotalMilliseconds:0} ms");

    private ReplyDeadline StartReplyTimer(CancellationToken cancellationToken) =>
        new(_limits.ReplyTimeout, _time, cancellationToken);

    private async ValueTask<int> ReadByteAsync(CancellationToken token)
    {
        if (_start == _end && !await FillAsync(growLimit: 0, token).ConfigureAwait(false))
        {
            return -1;
        }

        return _buffer[_start++];
    }

    /// <summary>Reads more bytes into the buffer; false at end of stream.</summary>
    private async ValueTask<bool> FillAsync(int growLimit, CancellationToken token)
    {
        if (_start == _end)
        {
            _start = _end = 0;
        }
        else if (_end == _buffer.Length)
        {
            if (_start > 0)
            {
                Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
                _end -= _start;
                _start = 0;
            }
            else if (_buffer.Length < growLimit)
            {
                // Only long text lines grow the buffer, and never past the configured line limit.
                var bigger = _pool.Rent(Math.Min(_buffer.Length * 2, growLimit));
                Buffer.BlockCopy(_buffer, 0, bigger, 0, _end);
                _pool.Return(_buffer);
                _buffer = bigger;
            }
            else
            {
                throw new ProtocolException("reply does not fit the receive buffer");
            }
        }

        var n = await _stream.ReadAsync(_buffer.AsMemory(_end), token).ConfigureAwait(false);
        if (n == 0)
        {
            PeerClosed = true;
            return false;
        }

        _end += n;
        return true;
    }

    /// <summary>One reply's deadline joined with the caller's token; disposing it unhooks both.</summary>
    private sealed class ReplyDeadline : IDisposable
    {
        private readonly CancellationTokenSource _timeout;
        private readonly CancellationTokenRegistration _callerRegistration;

        public ReplyDeadline(TimeSpan timeout, TimeProvider time, CancellationToken callerToken)
        {
            // The timer runs on TimeProvider's monotonic clock; wall-clock changes cannot shorten or stretch it.
            _timeout = new CancellationTokenSource(timeout, time);
            _callerRegistration = callerToken.CanBeCanceled
                ? callerToken.UnsafeRegister(static state => ((CancellationTokenSource)state!).Cancel(), _timeout)
                : default;
        }

        public CancellationToken Token => _timeout.Token;

        public void Dispose()
        {
            _callerRegistration.Dispose();
            _timeout.Dispose();
        }
    }
}
