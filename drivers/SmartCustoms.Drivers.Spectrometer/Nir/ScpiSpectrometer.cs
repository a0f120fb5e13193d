using System.Diagnostics.Metrics;
using System.Globalization;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using SmartCustoms.Drivers.Abstractions;
using SmartCustoms.Drivers.Abstractions.Health;
using SmartCustoms.Drivers.Abstractions.Spectrometer;
using SmartCustoms.Drivers.Spectrometer.Scpi;

namespace SmartCustoms.Drivers.Spectrometer.Nir;

/// <summary>
/// A NIR spectrometer that speaks the SCPI subset of CONTRACT.md over any <see cref="Stream"/>
/// (TCP or serial, via <see cref="IScpiConnectionFactory"/>).
/// Connects on demand; per connection it identifies the instrument, reads and checks the pixel count
/// and wavelength axis, and sets integration time and averaging. Any I/O or protocol error closes the
/// connection (the next call reconnects), is counted, reported to the health tracker and thrown as a
/// <see cref="DeviceException"/> (<see cref="ProtocolException"/> for malformed replies). Operations without a
/// good, timely answer for <see cref="SpectrometerOptions.SilenceTimeout"/> (stall, garbage, answers slower than
/// <see cref="SpectrometerOptions.SlowReplyLimit"/>) mark the instrument down then.
/// Operations are serialized: concurrent calls wait their turn, and a reply can never be read by the
/// wrong command. Health, identity and counters are thread-safe to read.
/// </summary>
public sealed class ScpiSpectrometer : ISpectrometer
{
    private const double MinPlausibleTemperatureC = -80;
    private const double MaxPlausibleTemperatureC = 150;

    private readonly IScpiConnectionFactory _connections;
    private readonly SpectrometerOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly DeviceHealthTracker _health;
    private readonly DeviceSilenceWatchdog _silence;
    private readonly ScpiReaderLimits _limits;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private ScpiSession? _session;
    private volatile NirConnection? _connection;
    private volatile SpectrometerIdentity? _lastIdentity;
    private ulong? _lastSequence;
    private int _disposed;

    public ScpiSpectrometer(
        IScpiConnectionFactory connections,
        SpectrometerOptions options,
        TimeProvider time,
        ILogger<ScpiSpectrometer> logger,
        IMeterFactory? meterFactory = null)
    {
        ArgumentNullException.ThrowIfNull(connections);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        _connections = connections;
        _options = options;
        _time = time;
        _logger = logger;
        _limits = new ScpiReaderLimits(options.ReplyTimeout, options.MaxBlockBytes, ScpiReaderLimits.DefaultMaxLineBytes);
        _health = new DeviceHealthTracker(options.DeviceName, options.FailuresBeforeDown, time);
        _health.Changed += (_, health) => HealthChanged?.Invoke(this, health);
        _silence = new DeviceSilenceWatchdog(_health, options.SilenceTimeout, time);
        Metrics = new SpectrometerMetrics(options.DeviceName, meterFactory);
    }

    public event EventHandler<DeviceHealth>? HealthChanged;

    public string DeviceName => _options.DeviceName;

    public DeviceHealth Health => _health.Current;

    /// <summary>Where the instrument is reached, e.g. <c>tcp://127.0.0.1:5025</c>.</summary>
    public string Endpoint => _connections.Endpoint;

    /// <summary>Whether a configured connection is open right now.</summary>
    public bool IsConnected => _connection is not null;

    /// <summary>The instrument's identity from the last successful connection, or null if it never connected.</summary>
    public SpectrometerIdentity? LastIdentity => _lastIdentity;

    /// <summary>Counters: spectra, bad replies (blocks), timeouts, failures, connects/reconnects, missing spectra.</summary>
    public SpectrometerMetrics Metrics { get; }

    /// <summary>Asks <c>*IDN?</c> (also a cheap liveness check).</summary>
    public Task<SpectrometerIdentity> IdentifyAsync(CancellationToken cancellationToken) =>
        RunAsync("*IDN?", TimeSpan.Zero, async (connection, ct) =>
        {
            var identity = ScpiReplyParser.ParseIdentity(await connection.Session.QueryLineAsync("*IDN?", ct).ConfigureAwait(false));
            _lastIdentity = identity;
            return identity;
        }, cancellationToken);

    /// <summary>The axis read (and checked) when the connection opened; a copy.</summary>
    public Task<float[]> ReadWavelengthsAsync(CancellationToken cancellationToken) =>
        RunAsync("SENS:WAV?", TimeSpan.Zero, (connection, _) => Task.FromResult((float[])connection.Wavelengths.Clone()), cancellationToken);

    public Task<IReadOnlyList<RawSpectrum>> ReadBurstAsync(int count, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var command = string.Create(CultureInfo.InvariantCulture, $"FETC:BURS? {count}");
        return RunAsync(command, AcquisitionTime(count), async (connection, ct) =>
        {
            var blockBytes = count * BurstParser.SpectrumBytes(connection.Pixels);
            if (blockBytes > _options.MaxBlockBytes)
            {
                throw new ArgumentOutOfRangeException(nameof(count), count, string.Create(CultureInfo.InvariantCulture,
                    $"a burst of {count} spectra x {connection.Pixels} pixels needs {blockBytes} bytes, more than {SpectrometerOptions.SectionName}:MaxBlockBytes ({_options.MaxBlockBytes})"));
            }

            RawSpectrum[] spectra;
            using (var block = await connection.Session.QueryBlockAsync(command, ct).ConfigureAwait(false))
            {
                spectra = BurstParser.Parse(block.Span, count, connection.Pixels, _time.GetUtcNow(), _time.GetTimestamp());
            }

            Metrics.AddSpectra(spectra.Length);
            CountMissing(spectra);
            return (IReadOnlyList<RawSpectrum>)spectra;
        }, cancellationToken);
    }

    /// <summary>One spectrum of raw counts (<c>MEAS:SPEC?</c>), without the burst header.</summary>
    public Task<float[]> MeasureSpectrumAsync(CancellationToken cancellationToken) =>
        ReadPixelBlockAsync("MEAS:SPEC?", cancellationToken);

    public Task<float[]> ReadDarkReferenceAsync(CancellationToken cancellationToken) =>
        ReadPixelBlockAsync("CAL:DARK?", cancellationToken);

    public Task<float[]> ReadWhiteReferenceAsync(CancellationToken cancellationToken) =>
        ReadPixelBlockAsync("CAL:WHITE?", cancellationToken);

    public Task<float> ReadDetectorTemperatureAsync(CancellationToken cancellationToken) =>
        RunAsync("STAT:TEMP?", TimeSpan.Zero, async (connection, ct) =>
        {
            var value = ScpiReplyParser.ParseNumber(await connection.Session.QueryLineAsync("STAT:TEMP?", ct).ConfigureAwait(false), "STAT:TEMP?");
            if (value is < MinPlausibleTemperatureC or > MaxPlausibleTemperatureC)
            {
                throw new ProtocolException(string.Create(CultureInfo.InvariantCulture,
                    $"STAT:TEMP?: detector temperature {value} °C is implausible"));
            }

            return (float)value;
        }, cancellationToken);

    /// <summary>Lamp operating hours (<c>STAT:LAMP?</c>), for maintenance.</summary>
    public Task<double> ReadLampHoursAsync(CancellationToken cancellationToken) =>
        RunAsync("STAT:LAMP?", TimeSpan.Zero, async (connection, ct) =>
        {
            var value = ScpiReplyParser.ParseNumber(await connection.Session.QueryLineAsync("STAT:LAMP?", ct).ConfigureAwait(false), "STAT:LAMP?");
            if (value < 0)
            {
                throw new ProtocolException(string.Create(CultureInfo.InvariantCulture, $"STAT:LAMP?: negative lamp hours {value}"));
            }

            return value;
        }, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        // Wait for a running operation so the stream is not pulled from under it.
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            await CloseAsync("disposed").ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }

        _silence.Dispose();

        Metrics.Dispose();
    }

    private Task<float[]> ReadPixelBlockAsync(string command, CancellationToken cancellationToken) =>
        RunAsync(command, AcquisitionTime(1), async (connection, ct) =>
        {
            using var block = await connection.Session.QueryBlockAsync(command, ct).ConfigureAwait(false);
            return ScpiFloatDecoder.DecodePixels(block.Span, connection.Pixels, command);
        }, cancellationToken);

    /// <summary>How long the instrument needs to acquire <paramref name="spectra"/> spectra, doubled for readout and transfer.</summary>
    private TimeSpan AcquisitionTime(int spectra) =>
        TimeSpan.FromTicks((long)spectra * _options.IntegrationTimeMicroseconds * _options.Averaging * 2 * TimeSpan.TicksPerMicrosecond);

    private async Task<T> RunAsync<T>(
        string operation, TimeSpan acquisition, Func<NirConnection, CancellationToken, Task<T>> action, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
            _silence.Expect(acquisition);
            try
            {
                var connection = _connection ?? await ConnectAsync(cancellationToken).ConfigureAwait(false);
                var started = _time.GetTimestamp();
                var result = await action(connection, cancellationToken).ConfigureAwait(false);
                var took = _time.GetElapsedTime(started);
                if (_options.SlowReplyLimit > TimeSpan.Zero && took > acquisition + _options.SlowReplyLimit)
                {
                    // The data is good and is used, but an instrument this slow cannot keep up with the belt:
                    // no good answer yet for the watchdog, and the health stays as it is until it decides.
                    Metrics.SlowReply();
                    _silence.Problem(string.Create(CultureInfo.InvariantCulture,
                        $"{operation} answered after {took.TotalMilliseconds:0} ms, more than {SpectrometerOptions.SectionName}:SlowReplyLimit {_options.SlowReplyLimit.TotalMilliseconds:0} ms"));
                    return result;
                }

                _silence.Answered();
                _health.ReportSuccess();
                return result;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Half a reply may still be on its way: only a new connection is in a known state.
                _silence.Abandon();
                await CloseAsync("operation cancelled").ConfigureAwait(false);
                throw;
            }
            catch (Exception ex) when (IsDeviceFailure(ex))
            {
                var thrown = await FailAsync(operation, ex).ConfigureAwait(false);
                _silence.Problem(thrown.Message);
                throw thrown;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<NirConnection> ConnectAsync(CancellationToken cancellationToken)
    {
        ScpiSpectrometerLog.Connecting(_logger, DeviceName, Endpoint);
        var stream = await _connections.ConnectAsync(cancellationToken).ConfigureAwait(false);
        var session = new ScpiSession(stream, shouldDispose: true, _limits, _time);
        _session = session;
        _lastSequence = null;

        // The error queue may hold errors from a previous client; start clean.
        await session.SendAsync("*CLS", cancellationToken).ConfigureAwait(false);
        var identity = ScpiReplyParser.ParseIdentity(await session.QueryLineAsync("*IDN?", cancellationToken).ConfigureAwait(false));
        var pixels = ScpiReplyParser.ParsePixelCount(await session.QueryLineAsync("SENS:PIX?", cancellationToken).ConfigureAwait(false));
        var wavelengths = ScpiReplyParser.ParseWavelengths(await session.QueryLineAsync("SENS:WAV?", cancellationToken).ConfigureAwait(false), pixels);

        var burstBytes = _options.BurstSize * BurstParser.SpectrumBytes(pixels);
        if (burstBytes > _options.MaxBlockBytes)
        {
            throw new DeviceException(string.Create(CultureInfo.InvariantCulture,
                $"{SpectrometerOptions.SectionName}:BurstSize {_options.BurstSize} with {pixels} pixels needs blocks of {burstBytes} bytes; raise {SpectrometerOptions.SectionName}:MaxBlockBytes ({_options.MaxBlockBytes}) or lower the burst size"));
        }

        await ApplySettingAsync(session, "CONF:INT", _options.IntegrationTimeMicroseconds, cancellationToken).ConfigureAwait(false);
        await ApplySettingAsync(session, "CONF:AVG", _options.Averaging, cancellationToken).ConfigureAwait(false);

        var connection = new NirConnection(session, identity, wavelengths);
        _connection = connection;
        _lastIdentity = identity;
        Metrics.Connected();
        ScpiSpectrometerLog.Connected(_logger, DeviceName, Endpoint, identity.Maker, identity.Model, identity.Serial,
            identity.Firmware, pixels, wavelengths[0], wavelengths[^1], _options.IntegrationTimeMicroseconds, _options.Averaging);
        return connection;
    }

    /// <summary>Sets a value and reads it back: a SCPI set command has no reply, so the read-back is the only proof.</summary>
    private static async Task ApplySettingAsync(ScpiSession session, string header, int value, CancellationToken cancellationToken)
    {
        await session.SendAsync(string.Create(CultureInfo.InvariantCulture, $"{header} {value}"), cancellationToken).ConfigureAwait(false);
        var query = header + "?";
        var actual = ScpiReplyParser.ParseNumber(await session.QueryLineAsync(query, cancellationToken).ConfigureAwait(false), query);
        if (Math.Abs(actual - value) > 0.5)
        {
            var error = await session.QueryLineAsync("SYST:ERR?", cancellationToken).ConfigureAwait(false);
            throw new DeviceException(string.Create(CultureInfo.InvariantCulture,
                $"the instrument did not accept {header} {value}: it reports {actual} (SYST:ERR? {error})"));
        }
    }

    private void CountMissing(RawSpectrum[] spectra)
    {
        var previous = _lastSequence;
        long missing = 0;
        foreach (var spectrum in spectra)
        {
            if (previous is { } p && spectrum.Sequence > p + 1)
            {
                missing += (long)Math.Min(spectrum.Sequence - p - 1, long.MaxValue / 2);
            }

            previous = spectrum.Sequence;
        }

        _lastSequence = previous;
        if (missing > 0)
        {
            Metrics.Missing(missing);
            ScpiSpectrometerLog.SequenceGap(_logger, DeviceName, spectra.Length, missing);
        }
    }

    private async Task<Exception> FailAsync(string operation, Exception ex)
    {
        var peerClosed = (_session?.PeerClosed ?? false) || IsConnectionReset(ex);
        await CloseAsync("error").ConfigureAwait(false);
        Metrics.Failure();
        var where = $"{DeviceName} ({Endpoint})";
        Exception thrown;
        switch (ex)
        {
            case ProtocolException:
                Metrics.BadReply();
                ScpiSpectrometerLog.BadReply(_logger, DeviceName, operation, ex.Message);
                thrown = new ProtocolException($"{where}: {ex.Message}", ex);
                break;
            case ReplyTimeoutException:
                Metrics.Timeout();
                thrown = new ReplyTimeoutException($"{where}: {ex.Message}", ex);
                break;
            case DeviceException:
                thrown = new DeviceException($"{where}: {ex.Message}", ex);
                break;
            default:
                thrown = new DeviceException(peerClosed
                    ? $"{where}: {operation}: the instrument closed the connection ({ex.Message})"
                    : $"{where}: {operation}: {ex.GetType().Name}: {ex.Message}", ex);
                break;
        }

        if (peerClosed)
        {
            ScpiSpectrometerLog.PeerClosed(_logger, DeviceName, operation);
            _health.ReportDown("the instrument closed the connection");
        }
        else
        {
            _health.ReportFailure(thrown.Message);
        }

        // A refused connection, a timeout or a bad reply is the instrument's fault and the message says all; a stack
        // trace on every retry would bury the log. Anything else is ours and keeps its stack trace.
        var expected = ex is DeviceException or ProtocolException or IOException or SocketException or TimeoutException;
        ScpiSpectrometerLog.OperationFailed(_logger, DeviceName, operation, _health.ConsecutiveFailures, thrown.Message, expected ? null : ex);
        return thrown;
    }

    private async Task CloseAsync(string why)
    {
        var session = _session;
        _session = null;
        _connection = null;
        if (session is not null)
        {
            await session.DisposeAsync().ConfigureAwait(false);
            ScpiSpectrometerLog.Closed(_logger, DeviceName, why);
        }
    }

    private static bool IsDeviceFailure(Exception ex) =>
        ex is DeviceException or IOException or SocketException or ObjectDisposedException
            or TimeoutException or UnauthorizedAccessException or InvalidOperationException;

    private static bool IsConnectionReset(Exception ex) =>
        (ex as SocketException ?? ex.InnerException as SocketException)?.SocketErrorCode
            is SocketError.ConnectionReset or SocketError.ConnectionAborted or SocketError.Shutdown;
}
