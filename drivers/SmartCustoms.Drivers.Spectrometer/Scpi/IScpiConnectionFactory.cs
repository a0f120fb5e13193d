namespace SmartCustoms.Drivers.Spectrometer.Scpi;

/// <summary>Opens the byte stream to an instrument (TCP socket, serial port). Implementations are thread-safe.</summary>
public interface IScpiConnectionFactory
{
    /// <summary>Where it connects, for logs and error messages (e.g. <c>tcp://10.0.0.5:5025</c>).</summary>
    string Endpoint { get; }

    /// <summary>Opens a new connection; the caller owns and disposes the stream.</summary>
    /// <exception cref="Abstractions.DeviceException">The instrument cannot be reached.</exception>
    Task<Stream> ConnectAsync(CancellationToken cancellationToken);
}
