using System.Text;
using System.Threading.Channels;

namespace SmartCustoms.Drivers.Spectrometer.Tests.Fakes;

/// <summary>
/// An in-memory duplex stream standing in for the instrument's socket: records every byte written,
/// hands each complete command line to a responder, and serves the replies (or bytes pushed by the test) to reads.
/// </summary>
internal sealed class InstrumentStream : Stream
{
    private readonly Channel<byte[]> _incoming = Channel.CreateUnbounded<byte[]>();
    private readonly Func<string, byte[]?>? _responder;
    private readonly MemoryStream _written = new();
    private readonly List<byte> _pendingLine = [];
    private readonly List<string> _commands = [];
    private readonly object _gate = new();
    private byte[] _current = [];
    private int _position;

    public InstrumentStream(Func<string, byte[]?>? responder = null) => _responder = responder;

    public bool IsDisposed { get; private set; }

    public IReadOnlyList<string> Commands
    {
        get { lock (_gate) { return _commands.ToArray(); } }
    }

    public string WrittenText
    {
        get { lock (_gate) { return Encoding.ASCII.GetString(_written.ToArray()); } }
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public void Push(byte[] bytes) => _incoming.Writer.TryWrite(bytes);

    public void Push(string text) => Push(Encoding.ASCII.GetBytes(text));

    /// <summary>End of stream after what was pushed: the instrument closed the connection.</summary>
    public void CloseFromInstrument() => _incoming.Writer.TryComplete();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (_position >= _current.Length)
        {
            if (!await _incoming.Reader.WaitToReadAsync(cancellationToken))
            {
                return 0;
            }

            if (_incoming.Reader.TryRead(out var next))
            {
                _current = next;
                _position = 0;
            }
        }

        var n = Math.Min(buffer.Length, _current.Length - _position);
        _current.AsMemory(_position, n).CopyTo(buffer);
        _position += n;
        return n;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) =>
        ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(IsDisposed, this);
        var lines = new List<string>();
        lock (_gate)
        {
            _written.Write(buffer.Span);
            foreach (var b in buffer.Span)
            {
                if (b == '\n')
                {
                    var line = Encoding.ASCII.GetString(_pendingLine.ToArray());
                    _pendingLine.Clear();
                    _commands.Add(line);
                    lines.Add(line);
                }
                else
                {
                    _pendingLine.Add(b);
                }
            }
        }

        foreach (var line in lines)
        {
            if (_responder?.Invoke(line) is { } reply)
            {
                Push(reply);
            }
        }

        return ValueTask.CompletedTask;
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count) =>
        WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override void Flush()
    {
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        IsDisposed = true;
        _incoming.Writer.TryComplete();
        base.Dispose(disposing);
    }
}
