using Microsoft.Extensions.Logging.Abstractions;
using SmartCustoms.Drivers.Abstractions.Health;
using SmartCustoms.Drivers.Spectrometer.Nir;
using SmartCustoms.Drivers.Spectrometer.Scpi;
using SmartCustoms.Drivers.Spectrometer.Tests.Fakes;

namespace SmartCustoms.Drivers.Spectrometer.Tests.Integration;

/// <summary>The serial transport (System.IO.Ports) against a pseudo-terminal, the closest thing to a cable on a test box.</summary>
public sealed class ScpiSpectrometerSerialTests
{
    [Fact]
    public async Task Serial_transport_identifies_and_reads_bursts_and_times_out_on_silence()
    {
        Assert.True(PseudoTerminalInstrument.IsSupported, "the serial integration test needs Linux pseudo-terminals");
        var instrument = new FakeNirInstrument(pixels: 16);
        using var pty = PseudoTerminalInstrument.Open(instrument);
        var options = new SpectrometerOptions
        {
            Transport = SpectrometerTransport.Serial,
            SerialPort = pty.DevicePath,
            // Generous: the suite runs test classes in parallel on a loaded 2-core box.
            ReplyTimeout = TimeSpan.FromSeconds(2),
        };
        await using var nir = new ScpiSpectrometer(
            new SerialScpiConnectionFactory(pty.DevicePath, 115200), options, TimeProvider.System, NullLogger<ScpiSpectrometer>.Instance);

        var identity = await nir.IdentifyAsync(CancellationToken.None);
        var burst = await nir.ReadBurstAsync(5, CancellationToken.None);

        Assert.Equal("SN1234", identity.Serial);
        Assert.Equal(5, burst.Count);
        Assert.Equal(DeviceHealthState.Up, nir.Health.State);

        // A silent instrument must end in a reply timeout, even though the port's own reads never time out.
        instrument.Override = line => line.StartsWith("FETC", StringComparison.Ordinal) ? [] : null;
        await Assert.ThrowsAsync<ReplyTimeoutException>(() => nir.ReadBurstAsync(5, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10)));

        instrument.Override = null;
        var again = await nir.ReadBurstAsync(5, CancellationToken.None);
        Assert.Equal(5, again.Count);
        Assert.Equal(1, nir.Metrics.Reconnects);
    }
}
