using SmartCustoms.Drivers.Abstractions;
using SmartCustoms.Drivers.Camera.Mjpeg;

namespace SmartCustoms.Drivers.Camera.Tests.Mjpeg;

public sealed class MultipartBoundaryTests
{
    [Theory]
    [InlineData("multipart/x-mixed-replace; boundary=frame", "frame")]
    [InlineData("multipart/x-mixed-replace;boundary=\"frame\"", "frame")]
    [InlineData("Multipart/X-Mixed-Replace; charset=utf-8; BOUNDARY = \"my boundary\" ", "my boundary")]
    [InlineData("multipart/x-mixed-replace; boundary=--myboundary", "--myboundary")]
    public void The_boundary_is_read_from_the_content_type(string contentType, string expected) =>
        Assert.Equal(expected, MultipartBoundary.FromContentType(contentType));

    [Theory]
    [InlineData("multipart/x-mixed-replace")]
    [InlineData("multipart/x-mixed-replace; boundary=")]
    [InlineData("multipart/x-mixed-replace; boundary=\"\"")]
    public void A_multipart_type_without_a_boundary_gives_null(string contentType) =>
        Assert.Null(MultipartBoundary.FromContentType(contentType));

    [Theory]
    [InlineData("image/jpeg", "image/jpeg")]
    [InlineData("text/html; charset=utf-8", "text/html")]
    [InlineData(null, "no Content-Type")]
    [InlineData("", "no Content-Type")]
    public void A_response_that_is_not_multipart_is_rejected(string? contentType, string expected)
    {
        var ex = Assert.Throws<ProtocolException>(() => MultipartBoundary.FromContentType(contentType));

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--frame", "frame")]
    [InlineData("frame", "frame")]
    [InlineData("----", "----")]
    public void The_core_drops_leading_dashes(string boundary, string core) =>
        Assert.Equal(core, MultipartBoundary.Core(boundary));
}
