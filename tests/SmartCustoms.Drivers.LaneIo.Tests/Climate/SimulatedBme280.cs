using System.Device.I2c;

namespace SmartCustoms.Drivers.LaneIo.Tests.Climate;

/// <summary>
/// A BME280 register file (datasheet BST-BME280-DS002, section 5.3) on the simulated I2C bus: chip id 0x60,
/// calibration words, control registers, and raw ADC values in 0xF7–0xFE. Writes are (register, value) pairs,
/// reads auto-increment from the last register written. A forced-mode measurement completes at once (the
/// mode bits fall back to sleep). Calibration and raw temperature/pressure are the datasheet's worked example
/// (section 8.2: adc_T 519888 → 25.08 °C); humidity uses a typical calibration set.
/// </summary>
internal sealed class SimulatedBme280 : I2cSimulatedDeviceBase
{
    private readonly byte[] _registers = new byte[256];
    private byte _pointer;

    public SimulatedBme280()
        : base(new I2cConnectionSettings(1, 0x76))
    {
        _registers[0xD0] = 0x60;
        Word(0x88, 27504); // dig_T1
        Word(0x8A, 26435); // dig_T2
        Word(0x8C, -1000); // dig_T3
        Word(0x8E, 36477); // dig_P1
        Word(0x90, -10685);
        Word(0x92, 3024);
        Word(0x94, 2855);
        Word(0x96, 140);
        Word(0x98, -7);
        Word(0x9A, 15500);
        Word(0x9C, -14600);
        Word(0x9E, 6000); // dig_P9
        _registers[0xA1] = 75; // dig_H1
        Word(0xE1, 362); // dig_H2
        _registers[0xE3] = 0; // dig_H3
        // dig_H4 = 313 (0xE4 << 4 | 0xE5 & 0x0F), dig_H5 = 50 (0xE6 << 4 | 0xE5 >> 4)
        _registers[0xE4] = 313 >> 4;
        _registers[0xE5] = (byte)((313 & 0x0F) | ((50 & 0x0F) << 4));
        _registers[0xE6] = 50 >> 4;
        _registers[0xE7] = 30; // dig_H6
        RawTemperature = 519888;
        RawPressure = 415148;
        RawHumidity = 30000;
    }

    public int RawTemperature
    {
        set => Raw20(0xFA, value);
    }

    public int RawPressure
    {
        set => Raw20(0xF7, value);
    }

    public int RawHumidity
    {
        set
        {
            _registers[0xFD] = (byte)(value >> 8);
            _registers[0xFE] = (byte)value;
        }
    }

    public int ForcedMeasurements { get; private set; }

    public override void WriteRead(byte[] inputBuffer, byte[] outputBuffer)
    {
        ArgumentNullException.ThrowIfNull(inputBuffer);
        ArgumentNullException.ThrowIfNull(outputBuffer);
        if (inputBuffer.Length > 0)
        {
            _pointer = inputBuffer[0];
            for (var i = 0; i + 1 < inputBuffer.Length; i += 2)
            {
                Store(inputBuffer[i], inputBuffer[i + 1]);
            }
        }

        for (var i = 0; i < outputBuffer.Length; i++)
        {
            outputBuffer[i] = _registers[(byte)(_pointer + i)];
        }
    }

    private void Store(byte register, byte value)
    {
        const byte ctrlMeas = 0xF4;
        if (register == ctrlMeas && (value & 0b11) is 0b01 or 0b10)
        {
            // Forced mode: measure now, then back to sleep as the real chip does.
            ForcedMeasurements++;
            value &= 0b1111_1100;
        }

        _registers[register] = value;
    }

    private void Word(byte register, int value)
    {
        _registers[register] = (byte)value;
        _registers[register + 1] = (byte)(value >> 8);
    }

    private void Raw20(byte register, int value)
    {
        _registers[register] = (byte)(value >> 12);
        _registers[register + 1] = (byte)(value >> 4);
        _registers[register + 2] = (byte)((value & 0x0F) << 4);
    }
}
