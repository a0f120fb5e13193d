using SmartCustoms.Drivers.Abstractions;
using SmartCustoms.Drivers.Modbus.Protocol;
using SmartCustoms.Drivers.Modbus.Tests.Infrastructure;

namespace SmartCustoms.Drivers.Modbus.Tests.Protocol;

public sealed class ModbusFrameReaderTests
{
    [Fact]
    public async Task Reads_one_frame_and_leaves_the_next_in_the_stream()
    {
        var stream = new MemoryStream(Hex.Bytes("0001 0000 0005 01 04 02 000A" + "0002 0000 0005 01 04 02 000B"));
        var buffer = new byte[ModbusLimits.MaxAduLength];
        Assert.Equal(11, await ModbusFrameReader.ReadAduAsync(stream, buffer, CancellationToken.None));
        Assert.Equal(Hex.Bytes("0001 0000 0005 01 04 02 000A"), buffer[..11]);
        Assert.Equal(11, await ModbusFrameReader.ReadAduAsync(stream, buffer, CancellationToken.None));
        Assert.Equal((byte)0x0B, buffer[10]);
    }

    [Fact]
    public async Task Reads_a_frame_that_arrives_one_byte_at_a_time()
    {
        var frame = Hex.Bytes("0001 0000 0009 01 03 06 022B 0000 0064");
        var buffer = new byte[ModbusLimits.MaxAduLength];
        Assert.Equal(frame.Length, await ModbusFrameReader.ReadAduAsync(new OneByteStream(frame), buffer, CancellationToken.None));
        Assert.Equal(frame, buffer[..frame.Length]);
    }

    [Theory]
    [InlineData("0001 0000 00", "closed after 5 of 7 MBAP header bytes")]
    [InlineData("0001 0000 0009 01 03 06 02", "announces a 8-byte PDU, the connection closed after 3")]
    [InlineData("0001 0001 0009 01 03 06 022B 0000 0064", "protocol id is 1, expected 0")]
    [InlineData("0001 0000 0001 01", "MBAP length 1 is below the minimum of 2")]
    [InlineData("0001 0000 0000 01", "MBAP length 0 is below the minimum of 2")]
    [InlineData("0001 0000 00FF 01 03", "MBAP length 255 exceeds the maximum of 254")]
    [InlineData("0001 0000 FFFF 01 03", "MBAP length 65535 exceeds the maximum of 254")]
    public async Task Bad_frames_name_the_problem(string frame, string expected)
    {
        var ex = await Assert.ThrowsAsync<ProtocolException>(
            async () => await ModbusFrameReader.ReadAduAsync(new MemoryStream(Hex.Bytes(frame)), new byte[260], CancellationToken.None));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task End_of_stream_before_a_frame_means_the_device_closed_the_connection()
    {
        await Assert.ThrowsAsync<ModbusConnectionException>(
            async () => await ModbusFrameReader.ReadAduAsync(new MemoryStream(), new byte[260], CancellationToken.None));
    }

    [Fact]
    public async Task Largest_legal_frame_fits_the_260_byte_buffer()
    {
        var frame = new byte[260];
        frame[5] = 254;
        frame[7] = 0x03;
        Assert.Equal(260, await ModbusFrameReader.ReadAduAsync(new MemoryStream(frame), new byte[260], CancellationToken.None));
    }

    [Fact]
    public async Task A_buffer_smaller_than_the_adu_maximum_is_refused() =>
        await Assert.ThrowsAsync<ArgumentException>(
            async () => await ModbusFrameReader.ReadAduAsync(new MemoryStream(new byte[20]), new byte[259], CancellationToken.None));

    [Fact]
    public void Oversized_length_field_does_not_make_the_reader_allocate_it()
    {
        // Length 65535 followed by 70,000 bytes the device "promises": a reader trusting the field would allocate ~64 KB.
        var frame = new byte[7 + 70_000];
        frame[4] = 0xFF;
        frame[5] = 0xFF;
        var stream = new MemoryStream(frame);
        var buffer = new byte[ModbusLimits.MaxAduLength];
        var before = GC.GetAllocatedBytesForCurrentThread();
        var task = ModbusFrameReader.ReadAduAsync(stream, buffer, CancellationToken.None);
        Assert.True(task.IsCompleted);
        Assert.Throws<ProtocolException>(() => task.GetAwaiter().GetResult());
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated < 16_384, $"allocated {allocated} bytes");
        Assert.Equal(7, stream.Position);
    }
}
