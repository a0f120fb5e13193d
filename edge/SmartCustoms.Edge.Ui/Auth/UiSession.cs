namespace SmartCustoms.Edge.Ui.Auth;

/// <summary>A signed-in person at the panel. <see cref="LastActivity"/> is monotonic (TimeProvider timestamp).</summary>
internal sealed class UiSession(string id, string user, UiRole role, long lastActivity)
{
    public string Id { get; } = id;

    public string User { get; } = user;

    public UiRole Role { get; } = role;

    /// <summary>Written under <see cref="UiSessions"/>' lock only.</summary>
    public long LastActivity { get; set; } = lastActivity;
}
