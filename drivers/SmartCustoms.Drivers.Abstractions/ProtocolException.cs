namespace SmartCustoms.Drivers.Abstractions;

/// <summary>The device sent bytes that do not follow its protocol (malformed, truncated or oversized).</summary>
public class ProtocolException : DeviceException
{
    public ProtocolException()
    {
    }

    public ProtocolException(string message)
        : base(message)
    {
    }

    public ProtocolException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
