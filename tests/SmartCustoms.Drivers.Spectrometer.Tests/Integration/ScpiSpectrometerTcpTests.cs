using Microsoft.Extensions.Logging.Abstractions;
using SmartCustoms.Drivers.Abstractions;
using SmartCustoms.Drivers.Abstractions.Health;
using SmartCustoms.Drivers.Spectrometer.Nir;
using SmartCustoms.Drivers.Spectrometer.Scpi;
using SmartCustoms.Drivers.Spectrometer.Tests.Fakes;

namespace SmartCustoms.Drivers.Spectrometer.Tests.Integration;

/// <summary>The driver over real loopback TCP against an in-test server that speaks CONTRACT.md.</summary>
public sealed class ScpiSpectrometerTcpTests : IAsyncDisposable
{
    private readonly FakeNirServer _server = new(new FakeNirInstrument(pixels: 256));
    private readonly ScpiSpectrometer _spectrometer;

    public ScpiSpectrometerTcpTests()
    {
        _server.Start();
        // These tests are about connections, not timing: the slow-reply and silence checks (tested on their own)
        // are kept out of the way, so a first call slowed by JIT on a loaded machine cannot mark the device down.
        var options = new SpectrometerOptions
        {
            Port = _server.Port,
            ReplyTimeout = TimeSpan.FromSeconds(5),
            FailuresBeforeDown = 3,
            SlowReplyLimit = TimeSpan.Zero,
            SilenceTimeout = TimeSpan.FromSeconds(60),
        };
        var connections = new TcpScpiConnectionFactory("127.0.0.1", _server.Port, TimeSpan.FromSeconds(5), TimeProvider.System);
        _spectrometer = new ScpiSpectrometer(connections, options, TimeProvider.System, NullLogger<ScpiSpectrometer>.Instance);
    }

    public async ValueTask DisposeAsync()
    {
        await _spectrometer.DisposeAsync();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Connects_identifies_and_reads_bursts_over_tcp()
    {
        var identity = await _spectrometer.IdentifyAsync(CancellationToken.None);
        var wavelengths = await _spectrometer.ReadWavelengthsAsync(CancellationToken.None);
        var burst = await _spectrometer.ReadBurstAsync(50, CancellationToken.None);

        Assert.Equal("Acme Optics", identity.Maker);
        Assert.Equal(256, wavelengths.Length);
        Assert.Equal(1000f, wavelengths[0]);
        Assert.Equal(2000f, wavelengths[^1]);
        Assert.Equal(50, burst.Count);
        Assert.All(burst, s => Assert.Equal(256, s.Counts.Length));
        Assert.Equal(DeviceHealthState.Up, _spectrometer.Health.State);
        Assert.Equal(1, _server.Accepted);
    }

    [Fact]
    public async Task Dropped_connection_marks_down_and_the_instrument_coming_back_brings_it_up()
    {
        await _spectrometer.ReadBurstAsync(50, CancellationToken.None);
        Assert.Equal(DeviceHealthState.Up, _spectrometer.Health.State);

        // The instrument drops the connection: the next call fails and the device is down at once.
        _server.DropConnections();
        await Assert.ThrowsAnyAsync<DeviceException>(() => _spectrometer.ReadBurstAsync(50, CancellationToken.None));
        Assert.Equal(DeviceHealthState.Down, _spectrometer.Health.State);

        // The instrument is gone: reconnecting fails and it stays down.
        await _server.StopAsync();
        var refused = await Assert.ThrowsAnyAsync<DeviceException>(() => _spectrometer.ReadBurstAsync(50, CancellationToken.None));
        Assert.Contains("could not connect to tcp://127.0.0.1:", refused.Message, StringComparison.Ordinal);
        Assert.Equal(DeviceHealthState.Down, _spectrometer.Health.State);

        // It comes back on the same port: the next call reconnects and succeeds.
        _server.Start();
        var burst = await _spectrometer.ReadBurstAsync(50, CancellationToken.None);

        Assert.Equal(50, burst.Count);
        Assert.Equal(DeviceHealthState.Up, _spectrometer.Health.State);
        Assert.Equal(1, _spectrometer.Metrics.Reconnects);
    }
}
