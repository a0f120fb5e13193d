using System.Device.I2c;
using SmartCustoms.Drivers.LaneIo.Climate;

namespace SmartCustoms.Drivers.LaneIo.Tests.Climate;

/// <summary>
/// An SHT3x on a simulated I2C bus: answers a single-shot measurement command (0x24xx / 0x2Cxx) with the 6-byte frame
/// of the datasheet (T msb, lsb, CRC, RH msb, lsb, CRC). Can corrupt the CRC or fail the bus. Records commands.
/// </summary>
internal sealed class SimulatedSht3x(int bus = 1, int address = 0x44) : I2cDevice
{
    private bool _measured;

    public double TemperatureCelsius { get; set; } = 24.5;

    public double RelativeHumidityPercent { get; set; } = 45.0;

    public bool CorruptCrc { get; set; }

    public string? BusError { get; set; }

    public List<ushort> Commands { get; } = [];

    public bool Disposed { get; private set; }

    public override I2cConnectionSettings ConnectionSettings { get; } = new(bus, address);

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        ThrowIfBusError();
        var command = (ushort)((buffer[0] << 8) | buffer[1]);
        Commands.Add(command);
        // Single-shot measurements (datasheet table 9): 0x24xx without clock stretching, 0x2Cxx with it.
        _measured = command is 0x2400 or 0x240B or 0x2416 or 0x2C06 or 0x2C0D or 0x2C10;
    }

    public override void Read(Span<byte> buffer)
    {
        ThrowIfBusError();
        if (!_measured || buffer.Length != 6)
        {
            throw new IOException("simulated SHT3x: read without a measurement (NACK)");
        }

        // Datasheet section 4.13: T = -45 + 175 * St / 65535, RH = 100 * Srh / 65535.
        var st = (ushort)Math.Round((TemperatureCelsius + 45) * 65535 / 175);
        var srh = (ushort)Math.Round(RelativeHumidityPercent * 65535 / 100);
        buffer[0] = (byte)(st >> 8);
        buffer[1] = (byte)st;
        buffer[2] = Sht3xCrc.Compute(buffer[..2]);
        buffer[3] = (byte)(srh >> 8);
        buffer[4] = (byte)srh;
        buffer[5] = Sht3xCrc.Compute(buffer.Slice(3, 2));
        if (CorruptCrc)
        {
            buffer[5] ^= 0xFF;
        }

        _measured = false;
    }

    public override void WriteRead(ReadOnlySpan<byte> writeBuffer, Span<byte> readBuffer)
    {
        Write(writeBuffer);
        Read(readBuffer);
    }

    protected override void Dispose(bool disposing)
    {
        Disposed = true;
        base.Dispose(disposing);
    }

    private void ThrowIfBusError()
    {
        if (BusError is not null)
        {
            throw new IOException(BusError);
        }
    }
}
