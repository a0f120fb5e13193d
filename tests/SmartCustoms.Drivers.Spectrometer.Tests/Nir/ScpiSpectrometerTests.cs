using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging.Abstractions;
using SmartCustoms.Drivers.Abstractions;
using SmartCustoms.Drivers.Abstractions.Health;
using SmartCustoms.Drivers.Spectrometer.Nir;
using SmartCustoms.Drivers.Spectrometer.Scpi;
using SmartCustoms.Drivers.Spectrometer.Tests.Fakes;

namespace SmartCustoms.Drivers.Spectrometer.Tests.Nir;

/// <summary>The driver against in-memory streams: exact bytes on the wire, failure handling, health and counters.</summary>
public sealed class ScpiSpectrometerTests : IAsyncDisposable
{
    private readonly FakeNirInstrument _instrument = new(pixels: 8);
    private readonly FakeConnectionFactory _connections;
    private readonly SpectrometerOptions _options = new() { IntegrationTimeMicroseconds = 2000, Averaging = 4, FailuresBeforeDown = 3 };
    private ScpiSpectrometer? _spectrometer;

    public ScpiSpectrometerTests() =>
        _connections = new FakeConnectionFactory(() => new InstrumentStream(_instrument.Respond));

    private ScpiSpectrometer Spectrometer => _spectrometer ??=
        new ScpiSpectrometer(_connections, _options, TimeProvider.System, NullLogger<ScpiSpectrometer>.Instance);

    public async ValueTask DisposeAsync()
    {
        if (_spectrometer is not null)
        {
            await _spectrometer.DisposeAsync();
        }
    }

    [Fact]
    public async Task First_call_identifies_reads_axis_configures_then_fetches_the_burst()
    {
        var spectra = await Spectrometer.ReadBurstAsync(50, CancellationToken.None);

        Assert.Equal(
            "*CLS\n*IDN?\nSENS:PIX?\nSENS:WAV?\nCONF:INT 2000\nCONF:INT?\nCONF:AVG 4\nCONF:AVG?\nFETC:BURS? 50\n",
            _connections.Last.WrittenText);
        Assert.Equal(50, spectra.Count);
        Assert.Equal(Enumerable.Range(1, 50).Select(i => (ulong)i), spectra.Select(s => s.Sequence));
        Assert.All(spectra, s => Assert.Equal(8, s.Counts.Length));
        Assert.Equal(2000, _instrument.IntegrationUs);
        Assert.Equal(4, _instrument.Averaging);
        Assert.Equal(DeviceHealthState.Up, Spectrometer.Health.State);
        Assert.Equal("SN1234", Spectrometer.LastIdentity?.Serial);
        Assert.Equal(50, Spectrometer.Metrics.Spectra);
        Assert.Equal(1, Spectrometer.Metrics.Connects);
        Assert.Equal(0, Spectrometer.Metrics.Reconnects);
    }

    [Fact]
    public async Task Second_call_reuses_the_connection_and_sends_only_its_command()
    {
        await Spectrometer.ReadBurstAsync(5, CancellationToken.None);
        var before = _connections.Last.WrittenText.Length;

        await Spectrometer.ReadBurstAsync(7, CancellationToken.None);

        Assert.Single(_connections.Streams);
        Assert.Equal("FETC:BURS? 7\n", _connections.Last.WrittenText[before..]);
    }

    [Fact]
    public async Task Wavelengths_references_and_temperature_come_from_their_commands()
    {
        _instrument.TemperatureC = 31.25f;

        Assert.Equal(_instrument.Wavelengths, await Spectrometer.ReadWavelengthsAsync(CancellationToken.None));
        Assert.Equal(FakeNirInstrument.Dark(8), await Spectrometer.ReadDarkReferenceAsync(CancellationToken.None));
        Assert.Equal(FakeNirInstrument.White(8), await Spectrometer.ReadWhiteReferenceAsync(CancellationToken.None));
        Assert.Equal(31.25f, await Spectrometer.ReadDetectorTemperatureAsync(CancellationToken.None));
        Assert.Equal(1234.5, await Spectrometer.ReadLampHoursAsync(CancellationToken.None));
        Assert.Equal(8, (await Spectrometer.MeasureSpectrumAsync(CancellationToken.None)).Length);
        Assert.EndsWith("SENS:WAV?\nCONF:INT 2000\nCONF:INT?\nCONF:AVG 4\nCONF:AVG?\nCAL:DARK?\nCAL:WHITE?\nSTAT:TEMP?\nSTAT:LAMP?\nMEAS:SPEC?\n",
            _connections.Last.WrittenText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_block_closes_the_connection_is_counted_and_the_next_call_reconnects()
    {
        var corrupt = true;
        _instrument.Override = line => line.StartsWith("FETC:BURS?", StringComparison.Ordinal) && corrupt ? "#0garbage\n"u8.ToArray() : null;

        var ex = await Assert.ThrowsAsync<ProtocolException>(() => Spectrometer.ReadBurstAsync(2, CancellationToken.None));

        Assert.Contains("nir (memory://nir): FETC:BURS? 2: indefinite-length block (#0)", ex.Message, StringComparison.Ordinal);
        Assert.True(_connections.Last.IsDisposed);
        Assert.Equal(1, Spectrometer.Metrics.BadReplies);
        Assert.Equal(DeviceHealthState.Down, Spectrometer.Health.State); // never up yet: still "not connected yet"

        corrupt = false;
        var spectra = await Spectrometer.ReadBurstAsync(2, CancellationToken.None);

        Assert.Equal(2, spectra.Count);
        Assert.Equal(2, _connections.Streams.Count);
        Assert.Equal(1, Spectrometer.Metrics.Reconnects);
        Assert.Equal(DeviceHealthState.Up, Spectrometer.Health.State);
    }

    [Fact]
    public async Task Health_goes_down_only_after_the_configured_consecutive_failures()
    {
        await Spectrometer.IdentifyAsync(CancellationToken.None);
        _instrument.Override = line => line == "STAT:TEMP?" ? Wire.Line("hot") : null;

        for (var i = 1; i <= 2; i++)
        {
            await Assert.ThrowsAsync<ProtocolException>(() => Spectrometer.ReadDetectorTemperatureAsync(CancellationToken.None));
            Assert.Equal(DeviceHealthState.Up, Spectrometer.Health.State);
        }

        await Assert.ThrowsAsync<ProtocolException>(() => Spectrometer.ReadDetectorTemperatureAsync(CancellationToken.None));

        Assert.Equal(DeviceHealthState.Down, Spectrometer.Health.State);
        Assert.Contains("STAT:TEMP?", Spectrometer.Health.Reason, StringComparison.Ordinal);
        Assert.Equal(3, Spectrometer.Metrics.Failures);
        Assert.Equal(3, _connections.Streams.Count); // each failure closed its connection; each next call reconnected
    }

    [Fact]
    public async Task Connection_closed_by_the_instrument_marks_down_at_once()
    {
        await Spectrometer.IdentifyAsync(CancellationToken.None);
        var changes = new List<DeviceHealth>();
        Spectrometer.HealthChanged += (_, h) => changes.Add(h);

        _connections.Last.CloseFromInstrument();
        var ex = await Assert.ThrowsAsync<DeviceException>(() => Spectrometer.ReadBurstAsync(1, CancellationToken.None));

        Assert.Contains("closed the connection", ex.Message, StringComparison.Ordinal);
        Assert.Equal(DeviceHealthState.Down, Spectrometer.Health.State);
        Assert.Equal("the instrument closed the connection", Spectrometer.Health.Reason);
        Assert.Equal(DeviceHealthState.Down, Assert.Single(changes).State);
    }

    [Fact]
    public async Task Unreachable_instrument_counts_failures_and_recovers_when_back()
    {
        _connections.Refuse = true;

        var ex = await Assert.ThrowsAsync<DeviceException>(() => Spectrometer.IdentifyAsync(CancellationToken.None));
        Assert.Contains("connection refused", ex.Message, StringComparison.Ordinal);
        Assert.Equal(1, Spectrometer.Metrics.Failures);

        _connections.Refuse = false;
        await Spectrometer.IdentifyAsync(CancellationToken.None);

        Assert.Equal(DeviceHealthState.Up, Spectrometer.Health.State);
    }

    [Fact]
    public async Task Silent_instrument_times_out_and_is_counted()
    {
        _options.ReplyTimeout = TimeSpan.FromMilliseconds(200);
        await Spectrometer.IdentifyAsync(CancellationToken.None);
        _instrument.Override = line => line.StartsWith("FETC", StringComparison.Ordinal) ? [] : null;

        var ex = await Assert.ThrowsAsync<ReplyTimeoutException>(() => Spectrometer.ReadBurstAsync(3, CancellationToken.None));

        Assert.Contains("FETC:BURS? 3: no reply within the reply timeout of 200 ms", ex.Message, StringComparison.Ordinal);
        Assert.Equal(1, Spectrometer.Metrics.Timeouts);
        Assert.True(_connections.Last.IsDisposed);
    }

    [Fact]
    public async Task Rejected_setting_fails_the_connection_with_the_instrument_error()
    {
        _instrument.Override = line => line == "CONF:INT?" ? Wire.Line("1000") : null;

        var ex = await Assert.ThrowsAsync<DeviceException>(() => Spectrometer.IdentifyAsync(CancellationToken.None));

        Assert.Contains("did not accept CONF:INT 2000: it reports 1000 (SYST:ERR? 0,\"No error\")", ex.Message, StringComparison.Ordinal);
        Assert.Null(Spectrometer.LastIdentity);
    }

    [Fact]
    public async Task Wrong_pixel_count_in_a_reference_block_is_a_protocol_error()
    {
        _instrument.Override = line => line == "CAL:WHITE?" ? Wire.FloatBlock([1f, 2f]) : null;

        var ex = await Assert.ThrowsAsync<ProtocolException>(() => Spectrometer.ReadWhiteReferenceAsync(CancellationToken.None));

        Assert.Contains("CAL:WHITE?: block of 8 bytes holds 2 values, expected 8", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Burst_larger_than_the_block_limit_is_refused_without_touching_the_connection()
    {
        _options.MaxBlockBytes = 4096;
        _options.BurstSize = 10;
        await Spectrometer.IdentifyAsync(CancellationToken.None);

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Spectrometer.ReadBurstAsync(1000, CancellationToken.None));

        Assert.Single(_connections.Streams);
        Assert.False(_connections.Last.IsDisposed);
        Assert.Equal(0, Spectrometer.Metrics.Failures);
    }

    [Fact]
    public async Task Cancellation_closes_the_connection_without_counting_a_failure()
    {
        await Spectrometer.IdentifyAsync(CancellationToken.None);
        _instrument.Override = line => line.StartsWith("FETC", StringComparison.Ordinal) ? [] : null;
        using var cts = new CancellationTokenSource();

        var burst = Spectrometer.ReadBurstAsync(1, cts.Token);
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => burst);
        Assert.True(_connections.Last.IsDisposed);
        Assert.Equal(0, Spectrometer.Metrics.Failures);
        Assert.Equal(DeviceHealthState.Up, Spectrometer.Health.State);
    }

    [Fact]
    public async Task Sequence_gaps_between_bursts_are_counted_as_missing_spectra()
    {
        await Spectrometer.ReadBurstAsync(3, CancellationToken.None);
        _instrument.Respond("FETC:BURS? 4"); // the instrument moves on: 4 spectra never fetched

        await Spectrometer.ReadBurstAsync(2, CancellationToken.None);

        Assert.Equal(4, Spectrometer.Metrics.MissingSpectra);
    }

    [Fact]
    public async Task Counters_are_published_on_the_driver_meter()
    {
        long spectra = 0;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == SpectrometerMetrics.MeterName && instrument.Name == "sc.nir.spectra")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref spectra, value));
        listener.Start();

        await Spectrometer.ReadBurstAsync(6, CancellationToken.None);

        Assert.Equal(6, Interlocked.Read(ref spectra));
    }

    [Fact]
    public async Task Disposed_driver_refuses_calls_and_closes_the_stream()
    {
        await Spectrometer.IdentifyAsync(CancellationToken.None);

        await Spectrometer.DisposeAsync();

        Assert.True(_connections.Last.IsDisposed);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => Spectrometer.IdentifyAsync(CancellationToken.None));
    }
}
