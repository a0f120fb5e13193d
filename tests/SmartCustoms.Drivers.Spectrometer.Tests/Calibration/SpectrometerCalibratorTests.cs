using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using SmartCustoms.Drivers.Abstractions;
using SmartCustoms.Drivers.Spectrometer.Calibration;
using SmartCustoms.Drivers.Spectrometer.Nir;
using SmartCustoms.Drivers.Spectrometer.Tests.Fakes;

namespace SmartCustoms.Drivers.Spectrometer.Tests.Calibration;

public sealed class SpectrometerCalibratorTests : IAsyncDisposable
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 27, 5, 30, 0, 123, TimeSpan.Zero));
    private readonly FakeNirInstrument _instrument = new(pixels: 16) { TemperatureC = 24.5f };
    private readonly ScpiSpectrometer _spectrometer;
    private readonly SpectrometerCalibrator _calibrator;

    public SpectrometerCalibratorTests()
    {
        var connections = new FakeConnectionFactory(() => new InstrumentStream(_instrument.Respond));
        _spectrometer = new ScpiSpectrometer(connections, new SpectrometerOptions(), TimeProvider.System, NullLogger<ScpiSpectrometer>.Instance);
        _calibrator = new SpectrometerCalibrator(_spectrometer, new ReflectanceConverter(), TimeSpan.FromHours(8), _time,
            NullLogger<SpectrometerCalibrator>.Instance);
    }

    public ValueTask DisposeAsync() => _spectrometer.DisposeAsync();

    [Fact]
    public async Task Calibration_holds_the_instrument_references_and_conditions()
    {
        var calibration = await _calibrator.CalibrateAsync(CancellationToken.None);

        Assert.Equal("SN1234-20261127T053000.123Z", calibration.Id);
        Assert.Equal("SN1234", calibration.InstrumentSerial);
        Assert.Equal(FakeNirInstrument.Dark(16), calibration.Dark);
        Assert.Equal(FakeNirInstrument.White(16), calibration.White);
        Assert.Equal(_instrument.Wavelengths, calibration.WavelengthsNm);
        Assert.Equal(24.5f, calibration.DetectorTemperatureC);
        Assert.Equal(_time.GetUtcNow(), calibration.TakenAt);
        Assert.Equal(_time.GetUtcNow().AddHours(8), calibration.ExpiresAt);
        Assert.Equal(0, calibration.UnusablePixels);
    }

    [Fact]
    public async Task Saturated_white_reference_is_rejected_with_a_reason()
    {
        _instrument.Override = line => line == "CAL:WHITE?" ? Wire.FloatBlock(Enumerable.Repeat(65535f, 16).ToArray()) : null;

        var ex = await Assert.ThrowsAsync<DeviceException>(() => _calibrator.CalibrateAsync(CancellationToken.None));

        Assert.Contains("calibration rejected: 16 of 16 pixels have no usable white-dark span", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_few_unusable_pixels_are_accepted_and_reported()
    {
        var white = FakeNirInstrument.White(16);
        white[3] = 65535f;
        _instrument.Override = line => line == "CAL:WHITE?" ? Wire.FloatBlock(white) : null;

        var calibration = await _calibrator.CalibrateAsync(CancellationToken.None);

        Assert.Equal(1, calibration.UnusablePixels);
    }

    [Fact]
    public async Task References_are_the_average_of_several_reads_and_a_pixel_clipped_in_any_read_stays_clipped()
    {
        var reads = 0;
        _instrument.Override = line =>
        {
            if (line != "CAL:WHITE?")
            {
                return null;
            }

            // Reads alternate 1000 above and below the fake's white; pixel 5 clips in the third read only.
            var white = FakeNirInstrument.White(16);
            var shift = reads % 2 == 0 ? 1000f : -1000f;
            var clipped = reads == 2;
            reads++;
            return Wire.FloatBlock(white.Select((v, i) => clipped && i == 5 ? 65535f : v + shift).ToArray());
        };
        var averaging = new SpectrometerCalibrator(_spectrometer, new ReflectanceConverter(), TimeSpan.FromHours(8), _time,
            NullLogger<SpectrometerCalibrator>.Instance, referenceScans: 4);

        var calibration = await averaging.CalibrateAsync(CancellationToken.None);

        Assert.Equal(4, reads);
        var expected = FakeNirInstrument.White(16);
        Assert.Equal(expected[0], calibration.White[0], 3);
        Assert.Equal(expected[15], calibration.White[15], 3);
        Assert.Equal(ReflectanceConverter.SaturationCounts, calibration.White[5]);
        Assert.Equal(1, calibration.UnusablePixels);
        Assert.Equal(FakeNirInstrument.Dark(16), calibration.Dark);
    }
}
