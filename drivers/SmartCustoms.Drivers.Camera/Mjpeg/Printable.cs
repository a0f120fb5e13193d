using System.Text;

namespace SmartCustoms.Drivers.Camera.Mjpeg;

/// <summary>Renders untrusted bytes for an error message: short, ASCII only. Thread-safe (stateless).</summary>
internal static class Printable
{
    private const int MaxChars = 60;

    public static string Of(ReadOnlySpan<byte> bytes)
    {
        var builder = new StringBuilder(Math.Min(bytes.Length, MaxChars) + 3);
        foreach (var b in bytes[..Math.Min(bytes.Length, MaxChars)])
        {
            builder.Append(b is >= 0x20 and < 0x7F ? (char)b : '.');
        }

        if (bytes.Length > MaxChars)
        {
            builder.Append("...");
        }

        return builder.ToString();
    }

    public static string Of(string text) =>
        Of(Encoding.ASCII.GetBytes(text.Length > MaxChars * 2 ? text[..(MaxChars * 2)] : text));
}
