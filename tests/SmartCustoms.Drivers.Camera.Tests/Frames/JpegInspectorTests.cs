using SmartCustoms.Drivers.Camera.Frames;
using SmartCustoms.Drivers.Camera.Tests.Infrastructure;

namespace SmartCustoms.Drivers.Camera.Tests.Frames;

public sealed class JpegInspectorTests
{
    private static readonly byte[] Valid = TestImages.Jpeg(320, 240, 1);

    [Fact]
    public void A_valid_JPEG_passes_and_gives_its_size()
    {
        Assert.Null(JpegInspector.Inspect(Valid, out var width, out var height));
        Assert.Equal((320, 240), (width, height));
    }

    [Fact]
    public void Trailing_padding_after_the_end_marker_is_tolerated()
    {
        var padded = Valid.Concat(new byte[] { 0x0D, 0x0A, 0x00, 0x00 }).ToArray();

        Assert.Null(JpegInspector.Inspect(padded, out _, out _));
    }

    [Fact]
    public void A_truncated_JPEG_is_reported() =>
        Assert.Contains("FF D9", JpegInspector.Inspect(Valid.AsSpan(0, Valid.Length / 2), out _, out _), StringComparison.Ordinal);

    [Fact]
    public void Bytes_without_the_start_marker_are_reported() =>
        Assert.Contains("FF D8", JpegInspector.Inspect("<html>not an image</html>"u8, out _, out _), StringComparison.Ordinal);

    [Fact]
    public void Start_and_end_markers_around_garbage_are_reported()
    {
        byte[] fake = [0xFF, 0xD8, 0x12, 0x34, 0x56, 0xFF, 0xD9];

        Assert.NotNull(JpegInspector.Inspect(fake, out _, out _));
    }

    [Fact]
    public void A_segment_length_past_the_end_is_reported()
    {
        byte[] fake = [0xFF, 0xD8, 0xFF, 0xE0, 0x7F, 0xFF, 0x00, 0xFF, 0xD9];

        Assert.Contains("past the end", JpegInspector.Inspect(fake, out _, out _), StringComparison.Ordinal);
    }

    [Fact]
    public void Tiny_inputs_are_reported()
    {
        Assert.NotNull(JpegInspector.Inspect([], out _, out _));
        Assert.NotNull(JpegInspector.Inspect([0xFF, 0xD8, 0xFF], out _, out _));
    }

    [Fact]
    public void Decode_gives_BGR_pixels_of_the_right_size_and_null_for_garbage()
    {
        var pixels = JpegCodec.Decode(Valid, out var owner);
        using (owner)
        {
            Assert.NotNull(pixels);
            Assert.Equal((320, 240, 960), (pixels.Width, pixels.Height, pixels.Stride));
            Assert.Equal(960 * 240, pixels.Bgr24.Length);
        }

        Assert.Null(JpegCodec.Decode(new byte[100], out var none));
        Assert.Null(none);
    }
}
