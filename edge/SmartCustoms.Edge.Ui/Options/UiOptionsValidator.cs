using System.Globalization;
using Microsoft.Extensions.Options;
using SmartCustoms.Edge.Ui.Auth;

namespace SmartCustoms.Edge.Ui.Options;

/// <summary>Checks <c>Ui</c> on start; every message names the key.</summary>
internal sealed class UiOptionsValidator : IValidateOptions<UiOptions>
{
    public ValidateOptionsResult Validate(string? name, UiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (options.SignOutAfter < TimeSpan.FromMinutes(1) || options.SignOutAfter > TimeSpan.FromHours(12))
        {
            errors.Add($"Ui:SignOutAfter must be from 00:01:00 to 12:00:00, got {options.SignOutAfter}");
        }

        if (options.MaxPinAttempts is < 1 or > 20)
        {
            errors.Add($"Ui:MaxPinAttempts must be 1-20, got {options.MaxPinAttempts}");
        }

        if (options.LockoutFor < TimeSpan.Zero || options.LockoutFor > TimeSpan.FromHours(1))
        {
            errors.Add($"Ui:LockoutFor must be from 00:00:00 to 01:00:00, got {options.LockoutFor}");
        }

        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < options.Users.Count; i++)
        {
            var user = options.Users[i];
            var key = string.Create(CultureInfo.InvariantCulture, $"Ui:Users:{i}");
            if (string.IsNullOrWhiteSpace(user.Name) || user.Name.Length > 32)
            {
                errors.Add($"{key}:Name must be 1-32 characters, got '{user.Name}'");
            }
            else if (!seen.Add(user.Name.Trim()))
            {
                errors.Add($"{key}:Name '{user.Name}' is used twice");
            }

            if (!UiPermissions.TryParseRole(user.Role, out _))
            {
                errors.Add($"{key}:Role must be one of {UiPermissions.RoleNames}, got '{user.Role}'");
            }

            if (!string.IsNullOrEmpty(user.PinHash))
            {
                if (!PinHasher.TryParse(user.PinHash, out _, out var error))
                {
                    errors.Add($"{key}:PinHash {error}");
                }
            }
            else if (user.Pin is not { Length: >= 4 and <= 8 } || !user.Pin.All(char.IsAsciiDigit))
            {
                errors.Add($"{key}:Pin must be 4-8 digits (or set {key}:PinHash)");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
