using System.Device.I2c;

namespace SmartCustoms.Drivers.LaneIo.Climate;

/// <summary>Passes every call to the inner device and keeps a copy of the last bytes read.</summary>
internal sealed class ReadRecordingI2cDevice(I2cDevice inner) : I2cDevice
{
    public byte[] LastRead { get; private set; } = [];

    public override I2cConnectionSettings ConnectionSettings => inner.ConnectionSettings;

    public override void Read(Span<byte> buffer)
    {
        inner.Read(buffer);
        LastRead = buffer.ToArray();
    }

    public override byte ReadByte()
    {
        var value = inner.ReadByte();
        LastRead = [value];
        return value;
    }

    public override void Write(ReadOnlySpan<byte> buffer) => inner.Write(buffer);

    public override void WriteByte(byte value) => inner.WriteByte(value);

    public override void WriteRead(ReadOnlySpan<byte> writeBuffer, Span<byte> readBuffer)
    {
        inner.WriteRead(writeBuffer, readBuffer);
        LastRead = readBuffer.ToArray();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
