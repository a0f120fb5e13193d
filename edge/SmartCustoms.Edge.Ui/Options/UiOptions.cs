namespace SmartCustoms.Edge.Ui.Options;

/// <summary>Settings of section <c>Ui</c>: who may sign in at the panel and when they are signed out.</summary>
public sealed class UiOptions
{
    public const string SectionName = "Ui";

    /// <summary>People who may sign in (<c>Ui:Users:N:Name</c>, <c>Pin</c> or <c>PinHash</c>, <c>Role</c>).</summary>
    public IList<UiUserOptions> Users { get; } = [];

    /// <summary>Automatic sign-out after this long without a touch (<c>Ui:SignOutAfter</c>, 1 min to 12 h).</summary>
    public TimeSpan SignOutAfter { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Wrong PINs in a row before a user is locked out for <see cref="LockoutFor"/>.</summary>
    public int MaxPinAttempts { get; set; } = 5;

    /// <summary>How long a user stays locked after too many wrong PINs.</summary>
    public TimeSpan LockoutFor { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Token the UI puts on its commands (user property <c>token</c>) when the command handler requires one.
    /// Empty: the first <c>Commands:Tokens</c> entry is used, if any.
    /// </summary>
    public string CommandToken { get; set; } = string.Empty;
}
