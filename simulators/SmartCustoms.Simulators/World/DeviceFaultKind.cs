namespace SmartCustoms.Simulators.World;

/// <summary>Ways a simulated device misbehaves on purpose.</summary>
public enum DeviceFaultKind
{
    /// <summary>Close every connection and refuse new ones.</summary>
    Disconnect,

    /// <summary>Accept connections and commands but never answer.</summary>
    Stall,

    /// <summary>Answer with random bytes and malformed blocks.</summary>
    Garbage,

    /// <summary>Answer late.</summary>
    Slow,

    /// <summary>NIR only: spectra contain NaN pixels.</summary>
    NanSpectra,

    /// <summary>NIR only: spectra clip at full scale (65535).</summary>
    SaturatedSpectra,

    /// <summary>Modbus devices: every request is answered with exception 04 (server device failure).</summary>
    ModbusException,

    /// <summary>Modbus devices: the heartbeat register stops counting while the device still answers.</summary>
    StuckHeartbeat,

    /// <summary>Camera: the same image is sent again and again (sequence numbers still advance).</summary>
    FrozenFrames,

    /// <summary>Camera: JPEG frames are truncated and have bytes flipped.</summary>
    CorruptJpeg,

    /// <summary>
    /// NIR and camera: the device's reported clock (burst device time, frame timestamp) runs ahead or behind by
    /// an offset (<see cref="Faults.DeviceFaultInjector.ClockOffset"/>, default +1 h); sequence numbers are unaffected.
    /// </summary>
    ClockOffset,

    /// <summary>Cabinet climate sensor (I2C): measurement frames carry wrong CRC bytes.</summary>
    BadCrc,
}
