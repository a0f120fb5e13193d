using Microsoft.Extensions.Logging.Abstractions;
using SmartCustoms.Drivers.Abstractions.Health;
using SmartCustoms.Drivers.Camera.Mjpeg;
using SmartCustoms.Drivers.Camera.Tests.Infrastructure;

namespace SmartCustoms.Drivers.Camera.Tests.Mjpeg;

/// <summary>
/// Health is time-based: a camera that keeps sending parts but no usable image (every JPEG corrupt) is down after
/// <see cref="CameraOptions.StallTimeout"/>, like a silent one, and up again with the first good image.
/// </summary>
public sealed class MjpegHealthTimingTests
{
    private static readonly byte[][] Images = TestImages.Jpegs(8, 320, 240);

    [Fact]
    public async Task A_stream_of_only_corrupt_images_is_down_within_3_s_keeps_its_link_and_is_up_with_the_first_good_image()
    {
        await using var server = await MjpegTestServer.StartAsync(Images);
        await using var source = new MjpegFrameSource(
            new CameraOptions { Url = server.StreamUri.ToString(), DecodePixels = true, StallTimeout = TimeSpan.FromSeconds(1.5) },
            TimeProvider.System, NullLogger<MjpegFrameSource>.Instance);
        await using var collector = new FrameCollector(source);
        await Eventually.True(() => source.Health.State == DeviceHealthState.Up, TimeSpan.FromSeconds(5), () => source.Health.ToString());

        server.CorruptNext(1_000_000);
        await Eventually.True(() => source.Health.State == DeviceHealthState.Down, TimeSpan.FromSeconds(3), () => source.Health.ToString());
        Assert.Contains("corrupt image", source.Health.Reason, StringComparison.Ordinal);
        Assert.Equal(0, source.Counters.Reconnects); // the stream itself was fine: no reconnect
        // Counted, whatever the rate a loaded machine lets the test server reach before the device is down.
        Assert.True(source.Counters.Corrupt > 0, source.Counters.ToString());

        server.CorruptNext(0);
        await Eventually.True(() => source.Health.State == DeviceHealthState.Up, TimeSpan.FromSeconds(5), () => source.Health.ToString());
    }
}
