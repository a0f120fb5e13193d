using System.IO.Ports;

namespace SmartCustoms.Drivers.Spectrometer.Scpi;

/// <summary>
/// The serial port's stream that also closes the port when disposed (BaseStream alone does not own it),
/// and makes reads honour cancellation: not every platform's serial stream does, and the reply timeout
/// depends on it. Not thread-safe (one reader, one writer, as <see cref="ScpiSession"/> uses it).
/// </summary>
internal sealed class SerialPortStream : Stream
{
    private readonly SerialPort _port;
    private readonly Stream _inner;

    // Reads land here first: a read abandoned on timeout can then never write into a caller's (pooled) buffer.
    private readonly byte[] _readBuffer = new byte[4096];

    public SerialPortStream(SerialPort port)
    {
        _port = port;
        _inner = port.BaseStream;
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

    public override void Flush() => _inner.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => _inner.FlushAsync(cancellationToken);

    public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, count);

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var read = _inner.ReadAsync(_readBuffer, 0, Math.Min(buffer.Length, _readBuffer.Length), cancellationToken);
        try
        {
            var n = await read.WaitAsync(cancellationToken).ConfigureAwait(false);
            _readBuffer.AsSpan(0, n).CopyTo(buffer.Span);
            return n;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The session is dead after a timeout anyway; closing the port ends the pending read.
            _port.Dispose();
            _ = read.ContinueWith(static t => _ = t.Exception, CancellationToken.None,
                TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            throw;
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count) => _inner.Write(buffer, offset, count);

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
        _inner.WriteAsync(buffer, cancellationToken);

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        _inner.WriteAsync(buffer, offset, count, cancellationToken);

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _port.Dispose();
        }

        base.Dispose(disposing);
    }
}
