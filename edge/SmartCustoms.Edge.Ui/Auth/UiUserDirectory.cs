using System.Globalization;
using Microsoft.Extensions.Options;
using SmartCustoms.Edge.Ui.Options;

namespace SmartCustoms.Edge.Ui.Auth;

/// <summary>
/// The users of <c>Ui:Users</c> with hashed PINs, and the count of wrong PINs per user: after
/// <c>Ui:MaxPinAttempts</c> in a row the user is locked for <c>Ui:LockoutFor</c> (monotonic time), because a
/// 4-digit PIN falls to guessing otherwise. Thread-safe (one lock around the attempt counters).
/// </summary>
internal sealed class UiUserDirectory
{
    private readonly Dictionary<string, UiUser> _users;
    private readonly Dictionary<string, (int Failures, long LockedUntil)> _attempts = new(StringComparer.OrdinalIgnoreCase);
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly UiOptions _options;
    private readonly PinHash _decoy;

    public UiUserDirectory(IOptions<UiOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _time = time;
        _users = _options.Users.ToDictionary(
            u => u.Name.Trim(),
            u => new UiUser(u.Name.Trim(), UiPermissions.ParseRole(u.Role),
                string.IsNullOrEmpty(u.PinHash) ? PinHasher.FromClear(u.Pin) : Parsed(u.PinHash)),
            StringComparer.OrdinalIgnoreCase);
        _decoy = PinHasher.FromClear("decoy-pin");
    }

    /// <summary>Names for the sign-in tiles, in settings order.</summary>
    public IReadOnlyList<(string Name, UiRole Role)> Names =>
        [.. _options.Users.Select(u => (u.Name.Trim(), UiPermissions.ParseRole(u.Role)))];

    public SignInResult SignIn(string? name, string? pin)
    {
        name = (name ?? string.Empty).Trim();
        if (!_users.TryGetValue(name, out var user))
        {
            // Same work as for a known user, so timing does not tell which names exist.
            PinHasher.Verify(pin ?? string.Empty, _decoy);
            return new SignInResult(null, "Choose your name, then enter your PIN.");
        }

        var now = _time.GetTimestamp();
        lock (_gate)
        {
            if (_attempts.TryGetValue(user.Name, out var a) && a.LockedUntil > now)
            {
                var seconds = Math.Ceiling(_time.GetElapsedTime(now, a.LockedUntil).TotalSeconds);
                return new SignInResult(null, string.Create(CultureInfo.InvariantCulture,
                    $"Too many wrong PINs for {user.Name}. Try again in {seconds:0} s or ask a supervisor."));
            }
        }

        var ok = PinHasher.Verify(pin ?? string.Empty, user.Pin);
        lock (_gate)
        {
            if (ok)
            {
                _attempts.Remove(user.Name);
                return new SignInResult(user, null);
            }

            var failures = (_attempts.TryGetValue(user.Name, out var a) ? a.Failures : 0) + 1;
            if (failures >= _options.MaxPinAttempts)
            {
                _attempts[user.Name] = (0, now + (long)(_options.LockoutFor.TotalSeconds * _time.TimestampFrequency));
                return new SignInResult(null, string.Create(CultureInfo.InvariantCulture,
                    $"Wrong PIN. {user.Name} is locked for {_options.LockoutFor.TotalSeconds:0} s."));
            }

            _attempts[user.Name] = (failures, 0);
            var left = _options.MaxPinAttempts - failures;
            return new SignInResult(null, string.Create(CultureInfo.InvariantCulture,
                $"Wrong PIN for {user.Name}. {left} attempt{(left == 1 ? "" : "s")} left."));
        }
    }

    private static PinHash Parsed(string text) =>
        PinHasher.TryParse(text, out var hash, out var error) ? hash : throw new InvalidOperationException(error);
}
