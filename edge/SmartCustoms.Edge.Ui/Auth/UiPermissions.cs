namespace SmartCustoms.Edge.Ui.Auth;

/// <summary>
/// Which role may send which command from the panel. Operators and supervisors run lots, acknowledge alarms
/// and request increments; technicians look after devices and may do none of these. Releasing a HOLD would be
/// supervisor-only, but the lane core has no release command yet, so the panel offers none.
/// Thread-safe (immutable).
/// </summary>
internal static class UiPermissions
{
    public static readonly IReadOnlyList<string> Commands = ["start-lot", "end-lot", "request-increment", "ack-alarm"];

    private static readonly Dictionary<string, UiRole[]> Allowed = new(StringComparer.Ordinal)
    {
        ["start-lot"] = [UiRole.Operator, UiRole.Supervisor],
        ["end-lot"] = [UiRole.Operator, UiRole.Supervisor],
        ["request-increment"] = [UiRole.Operator, UiRole.Supervisor],
        ["ack-alarm"] = [UiRole.Operator, UiRole.Supervisor],
    };

    public static bool IsKnown(string command) => Allowed.ContainsKey(command);

    public static bool May(UiRole role, string command) => Allowed.TryGetValue(command, out var roles) && roles.Contains(role);

    /// <summary>Commands <paramref name="role"/> may send (for the page to enable its buttons).</summary>
    public static IReadOnlyList<string> For(UiRole role) => [.. Commands.Where(c => May(role, c))];

    /// <summary>The roles allowed to send <paramref name="command"/>, in words.</summary>
    public static string RolesFor(string command) =>
        Allowed.TryGetValue(command, out var roles) ? string.Join(" or ", roles.Select(Name)) : "nobody";

    public static string Name(UiRole role) => role.ToString().ToLowerInvariant();
}
