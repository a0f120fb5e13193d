using System.Security.Cryptography;
using System.Text;

namespace SmartCustoms.Edge.Ui.Commands;

/// <summary>
/// The credential the panel puts (as the <c>token</c> user property) on supervisor-only commands it sends for a
/// signed-in supervisor: the panel checked the PIN and the role itself, and this tells the command handler so.
/// A random 256-bit value made when the gateway starts; it never leaves the process (the audit log drops
/// <c>token</c>, nothing publishes it), so an MQTT or HTTP client cannot present it: machine clients use a
/// <c>Commands:SupervisorTokens</c> token instead. Thread-safe (immutable).
/// </summary>
public sealed class PanelSupervisorKey
{
    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);

    /// <summary>The value to send (base64url).</summary>
    public string Value => Convert.ToBase64String(_key).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>True when <paramref name="token"/> is this process's key (constant-time comparison).</summary>
    public bool Matches(string? token) =>
        !string.IsNullOrEmpty(token) && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(Value), Encoding.UTF8.GetBytes(token));
}
