using SmartCustoms.Drivers.Camera.Frames;

namespace SmartCustoms.Drivers.Camera.Tests.Frames;

public sealed class FrameHeaderValuesTests
{
    private static readonly DateTimeOffset Expected = new(2026, 11, 27, 5, 0, 0, 40, TimeSpan.Zero);

    [Theory]
    [InlineData("2026-11-27T05:00:00.040Z")]
    [InlineData("2026-11-27T06:00:00.040+01:00")]
    [InlineData("1795755600.040")] // Unix seconds
    [InlineData("1795755600040")] // Unix milliseconds
    [InlineData("1795755600040000")] // Unix microseconds
    public void Timestamps_in_common_camera_formats_are_understood(string value) =>
        Assert.Equal(Expected, FrameHeaderValues.Timestamp(value));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("yesterday")]
    [InlineData("-5")]
    [InlineData("1e400")]
    public void Unreadable_timestamps_give_null(string? value) => Assert.Null(FrameHeaderValues.Timestamp(value));

    [Theory]
    [InlineData("42", 42UL)]
    [InlineData(" 18446744073709551615 ", ulong.MaxValue)]
    [InlineData("-1", null)]
    [InlineData("4.5", null)]
    [InlineData("abc", null)]
    [InlineData(null, null)]
    public void Sequences_are_unsigned_integers(string? value, ulong? expected) =>
        Assert.Equal(expected, FrameHeaderValues.Sequence(value));
}
