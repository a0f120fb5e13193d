using System.Buffers.Binary;
using System.Device.I2c;
using SmartCustoms.Simulators.Faults;
using SmartCustoms.Simulators.World;

namespace SmartCustoms.Simulators.Climate;

/// <summary>
/// A Sensirion SHT3x temperature/humidity sensor in the lane cabinet, as an <see cref="I2cDevice"/>:
/// give it to the real binding (<c>new Iot.Device.Sht3x.Sht3x(device)</c>) or any code that talks SHT3x
/// over I2C. It answers the single-shot measurement commands (with and without clock stretching) with
/// the datasheet's 6-byte frame — temperature word, CRC, humidity word, CRC (CRC-8 0x31/0xFF) — measured
/// from <see cref="CabinetClimate"/> at the lane time of the command; soft reset, heater on/off (the chip
/// warms by <see cref="HeaterRiseC"/>), status read and clear, break. Like the chip it NACKs (an
/// <see cref="IOException"/>, as the Linux I2C driver reports it) a read before the measurement is done
/// (no clock stretching: 15.5/6.5/4.5 ms at high/medium/low repeatability), a read with nothing to read,
/// and unknown commands. Periodic acquisition mode is not simulated. Faults from the lane's
/// <c>cabinet</c> injector: <c>disconnect</c> NACKs every transfer, <c>bad-crc</c> sends wrong CRC bytes.
/// Thread-safe.
/// </summary>
public sealed class SimulatedSht3x : I2cDevice
{
    /// <summary>Address with the ADDR pin low (0x45 with it high).</summary>
    public const int DefaultAddress = 0x44;

    /// <summary>How much the on-chip heater warms the sensor, °C (datasheet: a few degrees).</summary>
    public const double HeaterRiseC = 3.0;

    private readonly CabinetClimate _climate;
    private readonly LaneClock _clock;
    private readonly DeviceFaultInjector _faults;
    private readonly I2cConnectionSettings _settings;
    private readonly Lock _gate = new();
    private byte[]? _pending;
    private long _readyAtTimestamp;
    private bool _heater;
    private bool _resetDetected = true;
    private long _measurements;
    private bool _disposed;

    public SimulatedSht3x(CabinetClimate climate, LaneClock clock, DeviceFaultInjector faults, int busId = 1, int deviceAddress = DefaultAddress)
    {
        ArgumentNullException.ThrowIfNull(climate);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(faults);
        if (deviceAddress is not (0x44 or 0x45))
        {
            throw new ArgumentOutOfRangeException(nameof(deviceAddress), deviceAddress, "An SHT3x answers at 0x44 (ADDR low) or 0x45 (ADDR high).");
        }

        _climate = climate;
        _clock = clock;
        _faults = faults;
        _settings = new I2cConnectionSettings(busId, deviceAddress);
    }

    public override I2cConnectionSettings ConnectionSettings => _settings;

    /// <summary>Whether the on-chip heater is on (set by the heater commands, cleared by soft reset).</summary>
    public bool HeaterOn
    {
        get
        {
            lock (_gate)
            {
                return _heater;
            }
        }
    }

    /// <summary>Measurements started so far.</summary>
    public long Measurements => Interlocked.Read(ref _measurements);

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        CheckAddressAcknowledged();
        if (buffer.Length != 2)
        {
            throw new IOException($"SHT3x at 0x{_settings.DeviceAddress:X2}: commands are 2 bytes, got a write of {buffer.Length}.");
        }

        ushort command = BinaryPrimitives.ReadUInt16BigEndian(buffer);
        lock (_gate)
        {
            switch (command)
            {
                case Sht3xCommands.SingleShotHigh:
                    StartMeasurement(TimeSpan.FromMilliseconds(15.5));
                    break;
                case Sht3xCommands.SingleShotMedium:
                    StartMeasurement(TimeSpan.FromMilliseconds(6.5));
                    break;
                case Sht3xCommands.SingleShotLow:
                    StartMeasurement(TimeSpan.FromMilliseconds(4.5));
                    break;
                case Sht3xCommands.SingleShotStretchHigh or Sht3xCommands.SingleShotStretchMedium or Sht3xCommands.SingleShotStretchLow:
                    // With clock stretching the chip holds the bus until the data is there: the read never NACKs.
                    StartMeasurement(TimeSpan.Zero);
                    break;
                case Sht3xCommands.SoftReset:
                    _heater = false;
                    _pending = null;
                    _resetDetected = true;
                    break;
                case Sht3xCommands.HeaterEnable:
                    _heater = true;
                    break;
                case Sht3xCommands.HeaterDisable:
                    _heater = false;
                    break;
                case Sht3xCommands.ReadStatus:
                    // Status bits: 13 heater on, 4 reset detected (datasheet table 17).
                    ushort status = (ushort)((_heater ? 1 << 13 : 0) | (_resetDetected ? 1 << 4 : 0));
                    _pending = Frame(status);
                    _readyAtTimestamp = 0;
                    break;
                case Sht3xCommands.ClearStatus:
                    _resetDetected = false;
                    break;
                case Sht3xCommands.Break:
                    _pending = null;
                    break;
                default:
                    throw new IOException($"SHT3x at 0x{_settings.DeviceAddress:X2}: command 0x{command:X4} not acknowledged (unknown or periodic mode, which is not simulated).");
            }
        }
    }

    public override void WriteByte(byte value) => Write([value]);

    public override void Read(Span<byte> buffer)
    {
        CheckAddressAcknowledged();
        byte[] data;
        lock (_gate)
        {
            if (_pending is null)
            {
                throw new IOException($"SHT3x at 0x{_settings.DeviceAddress:X2}: read not acknowledged (no measurement or status requested).");
            }

            if (_clock.TimeProvider.GetTimestamp() < _readyAtTimestamp)
            {
                throw new IOException($"SHT3x at 0x{_settings.DeviceAddress:X2}: read not acknowledged (measurement still in progress).");
            }

            // The chip hands its data out once; the next read needs a new command.
            data = _pending;
            _pending = null;
        }

        if (_faults.IsActive(DeviceFaultKind.BadCrc))
        {
            // Noise on the bus: the CRC bytes no longer match their words.
            for (int i = 2; i < data.Length; i += 3)
            {
                data[i] ^= 0xA5;
            }
        }

        int n = Math.Min(buffer.Length, data.Length);
        data.AsSpan(0, n).CopyTo(buffer);

        // Reading past the frame: nobody drives SDA, the pull-ups read as 0xFF.
        buffer[n..].Fill(0xFF);
    }

    public override byte ReadByte()
    {
        Span<byte> one = stackalloc byte[1];
        Read(one);
        return one[0];
    }

    public override void WriteRead(ReadOnlySpan<byte> writeBuffer, Span<byte> readBuffer)
    {
        Write(writeBuffer);
        Read(readBuffer);
    }

    protected override void Dispose(bool disposing)
    {
        lock (_gate)
        {
            _disposed = true;
        }

        base.Dispose(disposing);
    }

    private static byte[] Frame(ushort first, ushort? second = null)
    {
        var frame = new byte[second is null ? 3 : 6];
        BinaryPrimitives.WriteUInt16BigEndian(frame, first);
        frame[2] = Sht3xCrc.Compute(frame.AsSpan(0, 2));
        if (second is { } s)
        {
            BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(3), s);
            frame[5] = Sht3xCrc.Compute(frame.AsSpan(3, 2));
        }

        return frame;
    }

    private void StartMeasurement(TimeSpan duration)
    {
        var time = _clock.TimeProvider;
        var reading = _climate.MeasureAt(_clock.ElapsedSeconds, _heater ? HeaterRiseC : 0);

        // Datasheet 4.13: T = -45 + 175 * S_T / 65535, RH = 100 * S_RH / 65535.
        ushort rawT = (ushort)Math.Clamp(Math.Round((reading.TemperatureC + 45) * 65535 / 175), 0, 65535);
        ushort rawRh = (ushort)Math.Clamp(Math.Round(reading.RelativeHumidityPct * 65535 / 100), 0, 65535);
        _pending = Frame(rawT, rawRh);
        _readyAtTimestamp = time.GetTimestamp() + (long)(duration.TotalSeconds * time.TimestampFrequency);
        Interlocked.Increment(ref _measurements);
    }

    private void CheckAddressAcknowledged()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
        }

        if (_faults.IsActive(DeviceFaultKind.Disconnect))
        {
            throw new IOException($"SHT3x at 0x{_settings.DeviceAddress:X2} on bus {_settings.BusId}: address not acknowledged (sensor not answering).");
        }
    }
}
