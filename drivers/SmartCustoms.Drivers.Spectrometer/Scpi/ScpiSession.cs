using System.Buffers;
using System.Globalization;
using System.Text;
using SmartCustoms.Drivers.Abstractions;

namespace SmartCustoms.Drivers.Spectrometer.Scpi;

/// <summary>
/// One SCPI conversation over a <see cref="Stream"/> (TCP socket or serial port). Each command and its
/// reply run under one lock, so replies never interleave. After any failure the session is faulted:
/// the stream may hold half a reply, so every later call fails until the owner opens a new session.
/// Thread-safe.
/// </summary>
public sealed class ScpiSession : IAsyncDisposable
{
    private readonly Stream _stream;
    private readonly bool _shouldDispose;
    private readonly ScpiReader _reader;
    private readonly ScpiReaderLimits _limits;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile string? _faulted;

    /// <param name="stream">The transport; readable and writable.</param>
    /// <param name="shouldDispose">Whether disposing the session disposes the stream.</param>
    public ScpiSession(Stream stream, bool shouldDispose, ScpiReaderLimits limits, TimeProvider time, ArrayPool<byte>? pool = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _stream = stream;
        _shouldDispose = shouldDispose;
        _limits = limits;
        _time = time;
        _reader = new ScpiReader(stream, limits, time, pool);
    }

    /// <summary>True once the instrument closed the connection.</summary>
    public bool PeerClosed => _reader.PeerClosed;

    /// <summary>Why the session is unusable, or null while it is healthy.</summary>
    public string? Faulted => _faulted;

    /// <summary>Sends a command that has no reply (e.g. <c>CONF:INT 2000</c>).</summary>
    public async Task SendAsync(string command, CancellationToken cancellationToken)
    {
        ValidateCommand(command);
        await EnterAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await WriteCommandAsync(command, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            _faulted ??= ex.Message;
            throw;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Sends a query and reads its one-line reply.</summary>
    public async Task<string> QueryLineAsync(string command, CancellationToken cancellationToken)
    {
        ValidateCommand(command);
        await EnterAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await WriteCommandAsync(command, cancellationToken).ConfigureAwait(false);
            return await _reader.ReadLineAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            _faulted ??= ex.Message;
            throw Annotate(ex, command);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Sends a query and reads its block reply; the caller disposes the block.</summary>
    public async Task<ScpiBlock> QueryBlockAsync(string command, CancellationToken cancellationToken)
    {
        ValidateCommand(command);
        await EnterAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await WriteCommandAsync(command, cancellationToken).ConfigureAwait(false);
            return await _reader.ReadBlockAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            _faulted ??= ex.Message;
            throw Annotate(ex, command);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _faulted ??= "session closed";
        _reader.Dispose();
        if (_shouldDispose)
        {
            await _stream.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Names the command in the message so a log line says which reply went wrong.</summary>
    private static Exception Annotate(Exception ex, string command) => ex switch
    {
        ReplyTimeoutException => new ReplyTimeoutException($"{command}: {ex.Message}", ex),
        ProtocolException => new ProtocolException($"{command}: {ex.Message}", ex),
        DeviceException => new DeviceException($"{command}: {ex.Message}", ex),
        _ => ex,
    };

    private async Task EnterAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        if (_faulted is { } reason)
        {
            _gate.Release();
            throw new DeviceException($"the SCPI session is unusable after an earlier error ({reason}); reconnect");
        }
    }

    /// <summary>Checked before the lock, so a bad argument never faults the session.</summary>
    private static void ValidateCommand(string command)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(command);
        foreach (var c in command)
        {
            if (c is < ' ' or > '~')
            {
                throw new ArgumentException("SCPI commands are printable ASCII without line breaks", nameof(command));
            }
        }
    }

    private async Task WriteCommandAsync(string command, CancellationToken cancellationToken)
    {
        var bytes = ArrayPool<byte>.Shared.Rent(command.Length + 1);
        try
        {
            var length = Encoding.ASCII.GetBytes(command, bytes);
            bytes[length++] = (byte)'\n';
            using var timeout = new CancellationTokenSource(_limits.ReplyTimeout, _time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
            try
            {
                await _stream.WriteAsync(bytes.AsMemory(0, length), linked.Token).ConfigureAwait(false);
                await _stream.FlushAsync(linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new ReplyTimeoutException(string.Create(CultureInfo.InvariantCulture,
                    $"{command}: the instrument did not accept the command within {_limits.ReplyTimeout.TotalMilliseconds:0} ms"));
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }
}
