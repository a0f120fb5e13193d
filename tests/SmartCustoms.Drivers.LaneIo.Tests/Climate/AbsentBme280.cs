using System.Device.I2c;

namespace SmartCustoms.Drivers.LaneIo.Tests.Climate;

/// <summary>
/// A chip on the simulated bus at the BME280's address that answers with another chip id (0x58, a BMP280,
/// which has no humidity): the register-based base class from System.Device.Gpio 4.2.0 plays the register file.
/// </summary>
internal sealed class AbsentBme280 : I2cSimulatedDeviceBase
{
    private const byte ChipIdRegister = 0xD0;

    public AbsentBme280()
        : base(new I2cConnectionSettings(1, 0x76))
    {
        RegisterMap.Add(ChipIdRegister, new Register<byte>(0x58));
    }

    public override void WriteRead(byte[] inputBuffer, byte[] outputBuffer)
    {
        ArgumentNullException.ThrowIfNull(inputBuffer);
        ArgumentNullException.ThrowIfNull(outputBuffer);
        if (inputBuffer.Length > 0)
        {
            CurrentRegister = inputBuffer[0];
        }

        if (outputBuffer.Length > 0)
        {
            if (!RegisterMap.TryGetValue(CurrentRegister, out var register))
            {
                throw new IOException($"simulated: no register 0x{CurrentRegister:X2}");
            }

            outputBuffer[0] = ((Register<byte>)register).Value;
        }
    }
}
