namespace SmartCustoms.Drivers.Spectrometer.Scpi;

/// <summary>Bounds that protect the gateway from a misbehaving instrument.</summary>
/// <param name="ReplyTimeout">Longest wait for a complete reply (monotonic clock).</param>
/// <param name="MaxBlockBytes">Largest block payload accepted; a larger announced length is rejected before any allocation.</param>
/// <param name="MaxLineBytes">Longest text reply accepted (the wavelength axis is the longest one).</param>
public sealed record ScpiReaderLimits(TimeSpan ReplyTimeout, int MaxBlockBytes, int MaxLineBytes)
{
    public const int DefaultMaxBlockBytes = 8 * 1024 * 1024;
    public const int DefaultMaxLineBytes = 1024 * 1024;

    public static ScpiReaderLimits Default { get; } =
        new(TimeSpan.FromSeconds(2), DefaultMaxBlockBytes, DefaultMaxLineBytes);
}
