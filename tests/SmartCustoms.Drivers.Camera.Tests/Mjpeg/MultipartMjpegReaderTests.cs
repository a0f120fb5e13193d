using SmartCustoms.Drivers.Abstractions;
using SmartCustoms.Drivers.Camera.Mjpeg;
using SmartCustoms.Drivers.Camera.Tests.Infrastructure;

namespace SmartCustoms.Drivers.Camera.Tests.Mjpeg;

public sealed class MultipartMjpegReaderTests
{
    private static readonly MjpegReaderLimits Limits = new();
    private static readonly byte[][] Images = TestImages.Jpegs(3);

    private static async Task<List<(byte[] Body, string? Sequence, string? Timestamp, long? Length)>> ReadAll(
        Stream stream, string? boundary, MjpegReaderLimits? limits = null)
    {
        var reader = new MultipartMjpegReader(stream, boundary, limits ?? Limits);
        var parts = new List<(byte[], string?, string?, long?)>();
        while (await reader.ReadPartAsync(CancellationToken.None) is { } part)
        {
            using (part)
            {
                parts.Add((part.Body.ToArray(), part.Sequence, part.Timestamp, part.ContentLength));
            }
        }

        return parts;
    }

    private static byte[] ThreeParts(bool contentLength, string delimiter = "--frame", string newline = "\r\n") =>
        new MultipartBytes()
            .Part(delimiter, Images[0], contentLength, sequence: 7, timestamp: "2026-11-27T05:00:00.040Z", newline: newline)
            .Part(delimiter, Images[1], contentLength, sequence: 8, newline: newline)
            .Part(delimiter, Images[2], contentLength, sequence: 9, newline: newline)
            .Text(delimiter + "--" + newline) // a part without Content-Length ends only at the next delimiter
            .ToArray();

    [Fact]
    public async Task Parts_with_Content_Length_are_read_with_their_headers()
    {
        var parts = await ReadAll(new MemoryStream(ThreeParts(contentLength: true)), "frame");

        Assert.Equal(3, parts.Count);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(Images[i], parts[i].Body);
            Assert.Equal(Images[i].Length, parts[i].Length);
        }

        Assert.Equal(["7", "8", "9"], parts.Select(p => p.Sequence));
        Assert.Equal("2026-11-27T05:00:00.040Z", parts[0].Timestamp);
    }

    [Fact]
    public async Task Parts_without_Content_Length_end_at_the_next_delimiter()
    {
        var parts = await ReadAll(new MemoryStream(ThreeParts(contentLength: false)), "frame");

        Assert.Equal(3, parts.Count);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(Images[i], parts[i].Body);
            Assert.Null(parts[i].Length);
        }
    }

    [Theory]
    [InlineData("frame", "--frame")] // standard
    [InlineData("frame", "frame")] // camera writes the delimiter without the leading dashes
    [InlineData("--frame", "--frame")] // boundary parameter already includes the dashes
    [InlineData("--frame", "----frame")] // ... and the camera adds two more
    public async Task Delimiter_variants_are_tolerated(string boundaryParameter, string delimiterLine)
    {
        foreach (var contentLength in new[] { true, false })
        {
            var parts = await ReadAll(new MemoryStream(ThreeParts(contentLength, delimiterLine)), boundaryParameter);

            Assert.Equal(Images, parts.Select(p => p.Body));
        }
    }

    [Fact]
    public async Task Bare_LF_line_ends_are_tolerated()
    {
        foreach (var contentLength in new[] { true, false })
        {
            var parts = await ReadAll(new MemoryStream(ThreeParts(contentLength, newline: "\n")), "frame");

            Assert.Equal(Images, parts.Select(p => p.Body));
        }
    }

    [Fact]
    public async Task Extra_blank_lines_and_a_preamble_between_parts_are_skipped()
    {
        var bytes = new MultipartBytes()
            .Text("\r\n\r\nThis is a preamble\r\n")
            .Part("--frame", Images[0])
            .Text("\r\n\r\n\r\n")
            .Part("--frame", Images[1])
            .Text("--frame--\r\n")
            .Part("--frame", Images[2]) // after the close delimiter: never read
            .ToArray();

        var parts = await ReadAll(new MemoryStream(bytes), "frame");

        Assert.Equal([Images[0], Images[1]], parts.Select(p => p.Body));
    }

    [Fact]
    public async Task Without_a_boundary_parameter_the_first_dash_line_is_the_boundary()
    {
        foreach (var contentLength in new[] { true, false })
        {
            var parts = await ReadAll(new MemoryStream(ThreeParts(contentLength, "--myboundary")), boundary: null);

            Assert.Equal(Images, parts.Select(p => p.Body));
        }
    }

    [Fact]
    public async Task A_stream_that_starts_with_headers_instead_of_a_delimiter_is_read()
    {
        var bytes = new MultipartBytes()
            .Text($"Content-Type: image/jpeg\r\nContent-Length: {Images[0].Length}\r\n\r\n").Raw(Images[0]).Text("\r\n")
            .Part("--frame", Images[1])
            .ToArray();

        var parts = await ReadAll(new MemoryStream(bytes), "frame");

        Assert.Equal([Images[0], Images[1]], parts.Select(p => p.Body));
    }

    [Fact]
    public async Task Parts_split_across_reads_at_every_offset_are_read_whole()
    {
        foreach (var contentLength in new[] { true, false })
        {
            var bytes = new MultipartBytes()
                .Part("--frame", Images[0][..300], contentLength, sequence: 1)
                .Part("--frame", Images[1][..250], contentLength, sequence: 2)
                .Text("--frame--\r\n")
                .ToArray();

            for (var split = 0; split <= bytes.Length; split++)
            {
                var parts = await ReadAll(ChunkedStream.SplitAt(bytes, split), "frame");

                Assert.Equal(2, parts.Count);
                Assert.Equal(Images[0][..300], parts[0].Body);
                Assert.Equal(Images[1][..250], parts[1].Body);
                Assert.Equal("2", parts[1].Sequence);
            }

            var oneByOne = await ReadAll(ChunkedStream.ByteByByte(bytes), "frame");
            Assert.Equal(2, oneByOne.Count);
        }
    }

    [Fact]
    public async Task A_Content_Length_over_the_limit_is_rejected_before_allocating()
    {
        var bytes = new MultipartBytes().Text("--frame\r\nContent-Type: image/jpeg\r\nContent-Length: 2000000000\r\n\r\n").ToArray();
        var before = GC.GetAllocatedBytesForCurrentThread();

        var ex = await Assert.ThrowsAsync<ProtocolException>(() => ReadAll(new MemoryStream(bytes), "frame"));

        Assert.Contains("2000000000", ex.Message, StringComparison.Ordinal);
        Assert.Contains("MaxPartBytes", ex.Message, StringComparison.Ordinal);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 1024 * 1024, "the reader allocated for the claimed length");
    }

    [Fact]
    public async Task A_part_without_Content_Length_that_outgrows_the_limit_is_rejected()
    {
        var limits = new MjpegReaderLimits(MaxPartBytes: 64 * 1024);
        var bytes = new MultipartBytes().Part("--frame", new byte[100 * 1024], contentLength: false).Part("--frame", Images[0]).ToArray();

        var ex = await Assert.ThrowsAsync<ProtocolException>(() => ReadAll(new MemoryStream(bytes), "frame", limits));

        Assert.Contains("MaxPartBytes", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_endless_stream_without_a_boundary_is_rejected_after_bounded_reading()
    {
        var noNewline = new EndlessStream("garbage"u8.ToArray());
        await Assert.ThrowsAsync<ProtocolException>(() => ReadAll(noNewline, "frame"));
        Assert.True(noNewline.BytesServed < 1024 * 1024, $"read {noNewline.BytesServed} bytes before giving up");

        var manyLines = new EndlessStream("junk line\r\n"u8.ToArray());
        await Assert.ThrowsAsync<ProtocolException>(() => ReadAll(manyLines, "frame"));
        Assert.True(manyLines.BytesServed < 1024 * 1024, $"read {manyLines.BytesServed} bytes before giving up");

        var endlessBody = new MultipartBytes().Text("--frame\r\n\r\n").ToArray().Concat(new byte[16]).ToArray();
        var endless = new EndlessStream(endlessBody);
        await Assert.ThrowsAsync<ProtocolException>(() => ReadAll(endless, "other", new MjpegReaderLimits(MaxPartBytes: 64 * 1024)));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_stream_cut_inside_a_part_is_reported_as_truncated(bool contentLength)
    {
        var bytes = ThreeParts(contentLength);
        var cut = bytes[..(bytes.Length - 11 - (Images[2].Length / 2))];

        var ex = await Assert.ThrowsAsync<ProtocolException>(() => ReadAll(new MemoryStream(cut), "frame"));

        Assert.Contains("truncated", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stream_cut_inside_the_headers_is_reported_as_truncated()
    {
        var bytes = new MultipartBytes().Part("--frame", Images[0]).Text("--frame\r\nContent-Type: image/jpeg\r\nContent-Le").ToArray();

        var ex = await Assert.ThrowsAsync<ProtocolException>(() => ReadAll(new MemoryStream(bytes), "frame"));

        Assert.Contains("headers", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stream_that_ends_between_parts_ends_cleanly()
    {
        var parts = await ReadAll(new MemoryStream(new MultipartBytes().Part("--frame", Images[0]).ToArray()), "frame");

        Assert.Single(parts);
    }

    [Theory]
    [InlineData("--frame\r\nthis line has no colon\r\n\r\n", "malformed part header")]
    [InlineData("--frame\r\nContent-Length: twelve\r\n\r\n", "invalid part Content-Length")]
    [InlineData("--frame\r\nContent-Length: -5\r\n\r\n", "invalid part Content-Length")]
    public async Task Malformed_headers_are_rejected_with_a_clear_message(string text, string expected)
    {
        var ex = await Assert.ThrowsAsync<ProtocolException>(() => ReadAll(new MemoryStream(new MultipartBytes().Text(text).ToArray()), "frame"));

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Too_many_headers_are_rejected()
    {
        var headers = string.Concat(Enumerable.Range(0, 100).Select(i => $"X-Extra-{i}: {i}\r\n"));
        var bytes = new MultipartBytes().Text("--frame\r\n" + headers + "\r\n").ToArray();

        var ex = await Assert.ThrowsAsync<ProtocolException>(() => ReadAll(new MemoryStream(bytes), "frame"));

        Assert.Contains("part headers exceed", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_zero_length_part_is_returned_empty_for_the_caller_to_judge()
    {
        var bytes = new MultipartBytes().Part("--frame", []).Part("--frame", Images[0]).ToArray();

        var parts = await ReadAll(new MemoryStream(bytes), "frame");

        Assert.Equal(2, parts.Count);
        Assert.Empty(parts[0].Body);
    }
}
