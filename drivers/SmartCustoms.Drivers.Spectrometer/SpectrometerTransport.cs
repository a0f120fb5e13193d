namespace SmartCustoms.Drivers.Spectrometer;

/// <summary>How the gateway reaches the NIR instrument.</summary>
public enum SpectrometerTransport
{
    /// <summary>Raw TCP socket (SCPI over LAN, port 5025).</summary>
    Tcp,

    /// <summary>RS-232 or a USB virtual COM port.</summary>
    Serial,
}
