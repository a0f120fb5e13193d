namespace SmartCustoms.Drivers.Abstractions;

/// <summary>A device did not answer, answered wrongly, or the link to it failed. The message names the device and the problem.</summary>
public class DeviceException : Exception
{
    public DeviceException()
    {
    }

    public DeviceException(string message)
        : base(message)
    {
    }

    public DeviceException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
