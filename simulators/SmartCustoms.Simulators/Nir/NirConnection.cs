using System.Buffers;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging;
using SmartCustoms.Simulators.World;

namespace SmartCustoms.Simulators.Nir;

/// <summary>
/// One client connection: reads newline-terminated commands, answers them one at a time.
/// Owned by <see cref="NirSimulator"/>; not thread-safe (one loop per connection).
/// </summary>
internal sealed class NirConnection : IDisposable
{
    private const int MaxLineBytes = 1024;

    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly NirInstrument _instrument;
    private readonly NirSimulatorOptions _options;
    private readonly ScpiErrorBuffer _errors;
    private readonly NirSimulator _server;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Random _garbage;
    private readonly byte[] _readBuffer = new byte[4096];
    private readonly List<byte> _line = new(MaxLineBytes);
    private int _readStart;
    private int _readEnd;
    private bool _lineTooLong;
    private ulong? _burstCursor;

    public NirConnection(Socket socket, NirInstrument instrument, NirSimulatorOptions options, ScpiErrorBuffer errors, NirSimulator server, TimeProvider time, ILogger logger, int id)
    {
        _socket = socket;
        _socket.NoDelay = true;
        _stream = new NetworkStream(socket, ownsSocket: true);
        _instrument = instrument;
        _options = options;
        _errors = errors;
        _server = server;
        _time = time;
        _logger = logger;
        _garbage = new Random(id);
        Remote = socket.RemoteEndPoint;
    }

    public EndPoint? Remote { get; }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            string? line = await ReadLineAsync(cancellationToken);
            if (line is null)
            {
                return;
            }

            if (line.Length == 0)
            {
                continue;
            }

            var faults = _instrument.Faults;
            if (faults.IsActive(DeviceFaultKind.Disconnect))
            {
                // The server's fault loop closes every socket within ~20 ms; do not answer meanwhile.
                return;
            }

            if (faults.IsActive(DeviceFaultKind.Stall))
            {
                continue;
            }

            if (faults.IsActive(DeviceFaultKind.Slow))
            {
                await Task.Delay(_options.SlowAnswerDelay, _time, cancellationToken);
            }

            var command = ScpiParser.Parse(line);
            if (command.IsQuery && faults.IsActive(DeviceFaultKind.Garbage))
            {
                await SendGarbageAsync(cancellationToken);
                continue;
            }

            _server.CountCommand();
            await ExecuteAsync(command, line, cancellationToken);
        }
    }

    public void Dispose()
    {
        _stream.Dispose();
        _socket.Dispose();
    }

    private async Task ExecuteAsync(ScpiCommand command, string line, CancellationToken ct)
    {
        bool hasArgument = command.Argument.Length > 0;
        switch (command.Header)
        {
            case ScpiHeader.Identify when !hasArgument:
                await SendLineAsync(_instrument.Identity, ct);
                break;
            case ScpiHeader.Reset when !hasArgument:
                _instrument.Reset();
                _burstCursor = null;
                break;
            case ScpiHeader.ClearStatus when !hasArgument:
                _errors.Clear();
                break;
            case ScpiHeader.SystemError when !hasArgument:
                await SendLineAsync(_errors.Pop().ToAnswer(), ct);
                break;
            case ScpiHeader.Wavelengths when !hasArgument:
                await SendLineAsync(string.Join(',', _instrument.WavelengthsNm.Select(w => w.ToString("F3", CultureInfo.InvariantCulture))), ct);
                break;
            case ScpiHeader.PixelCount when !hasArgument:
                await SendLineAsync(_instrument.Pixels.ToString(CultureInfo.InvariantCulture), ct);
                break;
            case ScpiHeader.Integration when command.IsQuery && !hasArgument:
                await SendLineAsync(_instrument.IntegrationUs.ToString(CultureInfo.InvariantCulture), ct);
                break;
            case ScpiHeader.Integration when !command.IsQuery:
                if (TryInteger(command.Argument, 10, 65_000, line, out int integration))
                {
                    _instrument.SetIntegration(integration);
                    WarnIfRateLimited();
                }

                break;
            case ScpiHeader.Averages when command.IsQuery && !hasArgument:
                await SendLineAsync(_instrument.Averages.ToString(CultureInfo.InvariantCulture), ct);
                break;
            case ScpiHeader.Averages when !command.IsQuery:
                if (TryInteger(command.Argument, 1, 1000, line, out int averages))
                {
                    _instrument.SetAverages(averages);
                    WarnIfRateLimited();
                }

                break;
            case ScpiHeader.MeasureSpectrum when !hasArgument:
                await MeasureAsync(ct);
                break;
            case ScpiHeader.FetchBurst:
                if (TryInteger(command.Argument, 1, _options.MaxBurst, line, out int count))
                {
                    await BurstAsync(count, ct);
                }

                break;
            case ScpiHeader.DarkReference when !hasArgument:
                await Task.Delay(AcquisitionTime(), _time, ct);
                await SendAsync(ScpiBlock.OfFloats(_instrument.DarkReference()), ct);
                break;
            case ScpiHeader.WhiteReference when !hasArgument:
                await Task.Delay(AcquisitionTime(), _time, ct);
                await SendAsync(ScpiBlock.OfFloats(_instrument.WhiteReference()), ct);
                break;
            case ScpiHeader.Temperature when !hasArgument:
                await SendLineAsync(_instrument.DetectorTemperatureNow().ToString("F2", CultureInfo.InvariantCulture), ct);
                break;
            case ScpiHeader.LampHours when !hasArgument:
                await SendLineAsync(_instrument.LampHours.ToString("F1", CultureInfo.InvariantCulture), ct);
                break;
            case ScpiHeader.Unknown:
                Error(ScpiError.UndefinedHeader, line);
                break;
            default:
                Error(ScpiError.ParameterNotAllowed, line);
                break;
        }
    }

    private TimeSpan AcquisitionTime() =>
        TimeSpan.FromMicroseconds(_instrument.Averages * (_instrument.IntegrationUs + NirInstrument.ReadoutUs));

    private bool TryInteger(string text, int min, int max, string line, out int value)
    {
        value = 0;
        if (text.Length == 0)
        {
            Error(ScpiError.MissingParameter, line);
            return false;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double number) || double.IsNaN(number))
        {
            Error(ScpiError.DataTypeError, line);
            return false;
        }

        if (number < min || number > max || number != Math.Floor(number))
        {
            Error(ScpiError.DataOutOfRange, line);
            return false;
        }

        value = (int)number;
        return true;
    }

    // The usual reason a reader gets fewer spectra/s than the line rate: the exposure does not fit in the period.
    private void WarnIfRateLimited()
    {
        double effective = _instrument.EffectiveLineRateHz;
        if (effective < _options.LineRateHz * 0.999)
        {
            NirLog.RateLimitedByExposure(_logger, _instrument.IntegrationUs, _instrument.Averages, NirInstrument.ReadoutUs, effective, _options.LineRateHz);
        }
    }

    private void Error(ScpiError error, string line)
    {
        _errors.Push(error);
        _server.CountError();
        NirLog.CommandError(_logger, error.Code, line);
    }

    private async Task MeasureAsync(CancellationToken ct)
    {
        ulong sequence = _instrument.NextSequence();
        var wait = _instrument.TimeUntil(sequence);
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, _time, ct);
        }

        var spectrum = _instrument.Get(sequence);
        _server.CountSpectra(1);
        await SendAsync(ScpiBlock.OfFloats(spectrum.Counts), ct);
    }

    private async Task BurstAsync(int count, CancellationToken ct)
    {
        ulong oldest = _instrument.OldestAvailable();
        ulong next = _burstCursor ?? _instrument.NextSequence();
        if (next < oldest)
        {
            // The reader fell behind the ring buffer: the spectra in between are lost (a sequence gap).
            next = oldest;
        }

        int record = ScpiBlock.BurstRecordSize(_instrument.Pixels);
        int length = record * count;
        byte[] header = ScpiBlock.Header(length);
        byte[] buffer = ArrayPool<byte>.Shared.Rent(Math.Min(length, record * 64) + 1);
        try
        {
            await SendAsync(header, ct);
            int filled = 0;
            for (int k = 0; k < count; k++)
            {
                ulong sequence = next + (ulong)k;
                var wait = _instrument.TimeUntil(sequence);
                if (wait > TimeSpan.Zero || filled + record > buffer.Length)
                {
                    if (filled > 0)
                    {
                        await _stream.WriteAsync(buffer.AsMemory(0, filled), ct);
                        filled = 0;
                    }

                    if (wait > TimeSpan.Zero)
                    {
                        await Task.Delay(wait, _time, ct);
                    }
                }

                ScpiBlock.WriteBurstRecord(_instrument.Get(sequence), buffer.AsSpan(filled, record));
                filled += record;
            }

            buffer[filled++] = (byte)'\n';
            await _stream.WriteAsync(buffer.AsMemory(0, filled), ct);
            _burstCursor = next + (ulong)count;
            _server.CountSpectra(count);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async Task SendGarbageAsync(CancellationToken ct)
    {
        byte[] bytes;
        switch (_garbage.Next(3))
        {
            case 0:
                // Random bytes, no terminator.
                bytes = new byte[_garbage.Next(1, 200)];
                _garbage.NextBytes(bytes);
                break;
            case 1:
                // A block header that promises more than it sends.
                bytes = Encoding.ASCII.GetBytes("#6999999" + new string('x', _garbage.Next(1, 50)) + "\n");
                break;
            default:
                // A malformed block header.
                bytes = Encoding.ASCII.GetBytes("#Z" + _garbage.Next().ToString(CultureInfo.InvariantCulture) + "?\n");
                break;
        }

        await SendAsync(bytes, ct);
    }

    private Task SendLineAsync(string text, CancellationToken ct) => SendAsync(Encoding.ASCII.GetBytes(text + "\n"), ct);

    private async Task SendAsync(byte[] bytes, CancellationToken ct) => await _stream.WriteAsync(bytes, ct);

    /// <summary>The next line without its terminator (CR LF or LF); null at end of stream. Over-long lines are dropped with an error.</summary>
    private async Task<string?> ReadLineAsync(CancellationToken ct)
    {
        while (true)
        {
            for (int i = _readStart; i < _readEnd; i++)
            {
                byte b = _readBuffer[i];
                if (b == (byte)'\n')
                {
                    _readStart = i + 1;
                    if (_lineTooLong)
                    {
                        _lineTooLong = false;
                        _line.Clear();
                        Error(new ScpiError(-223, "Too much data"), "(over-long line)");
                        return string.Empty;
                    }

                    string text = Encoding.ASCII.GetString([.. _line]).TrimEnd('\r');
                    _line.Clear();
                    return text;
                }

                if (_line.Count < MaxLineBytes)
                {
                    _line.Add(b);
                }
                else
                {
                    _lineTooLong = true;
                }
            }

            _readStart = 0;
            _readEnd = await _stream.ReadAsync(_readBuffer, ct);
            if (_readEnd == 0)
            {
                return null;
            }
        }
    }
}
