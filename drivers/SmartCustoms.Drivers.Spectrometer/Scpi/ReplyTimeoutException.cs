using SmartCustoms.Drivers.Abstractions;

namespace SmartCustoms.Drivers.Spectrometer.Scpi;

/// <summary>The instrument sent nothing at all within the reply timeout (a partial reply is a <see cref="ProtocolException"/>).</summary>
public sealed class ReplyTimeoutException : DeviceException
{
    public ReplyTimeoutException()
    {
    }

    public ReplyTimeoutException(string message)
        : base(message)
    {
    }

    public ReplyTimeoutException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
