using System.Globalization;
using SmartCustoms.Drivers.Abstractions;
using SmartCustoms.Drivers.Abstractions.Spectrometer;

namespace SmartCustoms.Drivers.Spectrometer.Nir;

/// <summary>Parses the text replies of the NIR SCPI subset. Thread-safe (stateless).</summary>
public static class ScpiReplyParser
{
    /// <summary>Largest pixel count accepted from <c>SENS:PIX?</c>.</summary>
    public const int MaxPixels = 16384;

    /// <summary><c>*IDN?</c> → <c>maker,model,serial,firmware</c>.</summary>
    public static SpectrometerIdentity ParseIdentity(string reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var parts = reply.Split(',', 4, StringSplitOptions.TrimEntries);
        if (parts.Length != 4 || parts[0].Length == 0 || parts[1].Length == 0)
        {
            throw new ProtocolException($"*IDN? reply \"{Clip(reply)}\" is not maker,model,serial,firmware");
        }

        return new SpectrometerIdentity(parts[0], parts[1], parts[2], parts[3]);
    }

    /// <summary><c>SENS:PIX?</c> → a pixel count between 1 and <see cref="MaxPixels"/>.</summary>
    public static int ParsePixelCount(string reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        if (!int.TryParse(reply.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var pixels) ||
            pixels < 1 || pixels > MaxPixels)
        {
            throw new ProtocolException($"SENS:PIX? reply \"{Clip(reply)}\" is not a pixel count between 1 and {MaxPixels}");
        }

        return pixels;
    }

    /// <summary><c>SENS:WAV?</c> → comma-separated wavelengths in nm, strictly ascending, exactly <paramref name="pixels"/> of them.</summary>
    public static float[] ParseWavelengths(string reply, int pixels)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var parts = reply.Split(',', StringSplitOptions.TrimEntries);
        if (parts.Length != pixels)
        {
            throw new ProtocolException(string.Create(CultureInfo.InvariantCulture,
                $"SENS:WAV? returned {parts.Length} wavelengths but SENS:PIX? says {pixels} pixels"));
        }

        var axis = new float[pixels];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!float.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out var nm) ||
                !float.IsFinite(nm) || nm <= 0)
            {
                throw new ProtocolException(string.Create(CultureInfo.InvariantCulture,
                    $"SENS:WAV? value {i} \"{Clip(parts[i])}\" is not a positive wavelength in nm"));
            }

            if (i > 0 && nm <= axis[i - 1])
            {
                throw new ProtocolException(string.Create(CultureInfo.InvariantCulture,
                    $"SENS:WAV? is not ascending: pixel {i} is {nm} nm after {axis[i - 1]} nm"));
            }

            axis[i] = nm;
        }

        return axis;
    }

    /// <summary>A numeric reply such as <c>STAT:TEMP?</c> or <c>CONF:INT?</c>.</summary>
    public static double ParseNumber(string reply, string query)
    {
        ArgumentNullException.ThrowIfNull(reply);
        if (!double.TryParse(reply.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ||
            !double.IsFinite(value))
        {
            throw new ProtocolException($"{query} reply \"{Clip(reply)}\" is not a number");
        }

        return value;
    }

    private static string Clip(string text) => text.Length <= 60 ? text : string.Concat(text.AsSpan(0, 60), "…");
}
