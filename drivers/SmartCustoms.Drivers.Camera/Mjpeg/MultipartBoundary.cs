namespace SmartCustoms.Drivers.Camera.Mjpeg;

/// <summary>
/// Reads the boundary from a multipart Content-Type (RFC 2046 §5.1.1), tolerant of what IP cameras send:
/// quoted or bare values, any parameter order and case, and a boundary given with its leading "--".
/// Thread-safe (stateless).
/// </summary>
internal static class MultipartBoundary
{
    public const int MaxLength = 200;

    /// <summary>
    /// The boundary of a multipart Content-Type, or null when the type is multipart but names none
    /// (the reader then takes the first "--…" line as the boundary).
    /// </summary>
    /// <exception cref="SmartCustoms.Drivers.Abstractions.ProtocolException">The type is missing or not multipart.</exception>
    public static string? FromContentType(string? contentType)
    {
        if (string.IsNullOrWhiteSpace(contentType))
        {
            throw new Abstractions.ProtocolException("the camera's response has no Content-Type; expected multipart/x-mixed-replace");
        }

        var parts = contentType.Split(';');
        var mediaType = parts[0].Trim();
        if (!mediaType.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase))
        {
            throw new Abstractions.ProtocolException(
                $"the camera answered with Content-Type '{Printable.Of(mediaType)}', expected multipart/x-mixed-replace (an MJPEG stream URL)");
        }

        foreach (var parameter in parts.AsSpan(1))
        {
            var eq = parameter.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0 || !parameter.AsSpan(0, eq).Trim().Equals("boundary", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var value = parameter[(eq + 1)..].Trim().Trim('"').Trim();
            if (value.Length == 0)
            {
                return null;
            }

            if (value.Length > MaxLength)
            {
                throw new Abstractions.ProtocolException($"multipart boundary of {value.Length} characters is longer than {MaxLength}");
            }

            return value;
        }

        return null;
    }

    /// <summary>The part of a boundary that every delimiter line contains: the value without leading dashes.</summary>
    public static string Core(string boundary)
    {
        var core = boundary.TrimStart('-');
        return core.Length == 0 ? boundary : core;
    }
}
