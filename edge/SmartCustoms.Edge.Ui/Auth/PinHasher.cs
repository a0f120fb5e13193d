using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace SmartCustoms.Edge.Ui.Auth;

/// <summary>
/// PBKDF2-SHA256 hashes of PINs, compared in constant time. A 4-digit PIN is weak whatever the hash: the
/// lockout after wrong attempts is the real protection; hashing keeps clear PINs out of memory dumps and
/// lets settings hold hashes only. Thread-safe (stateless).
/// </summary>
public static class PinHasher
{
    public const string Prefix = "pbkdf2-sha256";
    private const int DefaultIterations = 100_000;
    private const int HashBytes = 32;

    /// <summary>A new hash string for <paramref name="pin"/> with a random salt.</summary>
    public static string Hash(string pin, int iterations = DefaultIterations)
    {
        ArgumentNullException.ThrowIfNull(pin);
        var salt = RandomNumberGenerator.GetBytes(16);
        var hash = Derive(pin, salt, iterations);
        return string.Create(CultureInfo.InvariantCulture, $"{Prefix}:{iterations}:{Convert.ToBase64String(salt)}:{Convert.ToBase64String(hash)}");
    }

    /// <summary>Parses a hash string; false with a reason when it is malformed.</summary>
    public static bool TryParse(string text, out PinHash hash, out string error)
    {
        hash = default;
        var parts = (text ?? string.Empty).Split(':');
        if (parts.Length != 4 || parts[0] != Prefix)
        {
            error = $"must look like '{Prefix}:{{iterations}}:{{saltBase64}}:{{hashBase64}}'";
            return false;
        }

        if (!int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var iterations) || iterations < 10_000)
        {
            error = $"iterations must be a whole number ≥ 10000, got '{parts[1]}'";
            return false;
        }

        try
        {
            var salt = Convert.FromBase64String(parts[2]);
            var derived = Convert.FromBase64String(parts[3]);
            if (salt.Length < 8 || derived.Length != HashBytes)
            {
                error = $"salt must be ≥ 8 bytes and the hash {HashBytes} bytes";
                return false;
            }

            hash = new PinHash(iterations, salt, derived);
            error = string.Empty;
            return true;
        }
        catch (FormatException)
        {
            error = "salt and hash must be base64";
            return false;
        }
    }

    /// <summary>The hash of a clear PIN from settings (random salt, made once at start).</summary>
    public static PinHash FromClear(string pin)
    {
        var salt = RandomNumberGenerator.GetBytes(16);
        return new PinHash(DefaultIterations, salt, Derive(pin, salt, DefaultIterations));
    }

    /// <summary>True when <paramref name="pin"/> matches; the comparison takes the same time wherever it differs.</summary>
    public static bool Verify(string pin, PinHash hash) =>
        CryptographicOperations.FixedTimeEquals(Derive(pin ?? string.Empty, hash.Salt, hash.Iterations), hash.Hash);

    private static byte[] Derive(string pin, byte[] salt, int iterations) =>
        Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(pin), salt, iterations, HashAlgorithmName.SHA256, HashBytes);
}
