namespace SmartCustoms.Edge.Ui.Auth;

/// <summary>
/// Which role may send which command from the panel. Operators and supervisors run lots, acknowledge alarms
/// and request increments; technicians (and supervisors) start a spectrometer calibration; remote officers
/// only look. Only supervisors release a HOLD and change verdict thresholds. Technicians and supervisors switch
/// the lane between run and maintenance, and a technician requests an increment only in maintenance (a test cut
/// of the sampler, never a sample of a lot: <see cref="RefusalInMode"/>). Thread-safe (immutable).
/// </summary>
internal static class UiPermissions
{
    public static readonly IReadOnlyList<string> Commands = ["start-lot", "end-lot", "request-increment", "ack-alarm", "calibrate", "release-hold", "set-threshold", "set-mode"];

    /// <summary>Commands only a supervisor may send (the panel vouches for the role with <see cref="Commands.PanelSupervisorKey"/>).</summary>
    public static readonly IReadOnlyList<string> SupervisorOnly = ["release-hold", "set-threshold"];

    /// <summary>
    /// Commands the gateway gives only to a supervisor's token: the panel vouches with <see cref="Commands.PanelSupervisorKey"/>
    /// for a role it has checked — the supervisor-only ones, and <c>set-mode</c>, which a technician may send too.
    /// </summary>
    public static readonly IReadOnlyList<string> Vouched = [.. SupervisorOnly, "set-mode"];

    private static readonly Dictionary<string, UiRole[]> Allowed = new(StringComparer.Ordinal)
    {
        ["start-lot"] = [UiRole.Operator, UiRole.Supervisor],
        ["end-lot"] = [UiRole.Operator, UiRole.Supervisor],
        ["request-increment"] = [UiRole.Operator, UiRole.Supervisor, UiRole.Technician],
        ["ack-alarm"] = [UiRole.Operator, UiRole.Supervisor],
        ["calibrate"] = [UiRole.Technician, UiRole.Supervisor],
        ["release-hold"] = [UiRole.Supervisor],
        ["set-threshold"] = [UiRole.Supervisor],
        ["set-mode"] = [UiRole.Technician, UiRole.Supervisor],
    };

    private static readonly Dictionary<string, UiRole> Names = new(StringComparer.OrdinalIgnoreCase)
    {
        ["operator"] = UiRole.Operator,
        ["supervisor"] = UiRole.Supervisor,
        ["technician"] = UiRole.Technician,
        ["remote-officer"] = UiRole.RemoteOfficer,
    };

    /// <summary>The role names accepted in <c>Ui:Users:N:Role</c>, in words.</summary>
    public static string RoleNames => string.Join(", ", Names.Keys);

    /// <summary>
    /// Why <paramref name="role"/> may not send <paramref name="command"/> in the lane's current mode, or null when
    /// it may: a technician's increment is a test cut of the sampler, so only while the lane is in maintenance.
    /// </summary>
    public static string? RefusalInMode(UiRole role, string command, bool maintenance) =>
        role == UiRole.Technician && command == "request-increment" && !maintenance
            ? "a technician requests an increment only while the lane is in maintenance (a test cut of the sampler); switch the lane to maintenance first"
            : null;

    public static bool IsKnown(string command) => Allowed.ContainsKey(command);

    public static bool May(UiRole role, string command) => Allowed.TryGetValue(command, out var roles) && roles.Contains(role);

    /// <summary>Commands <paramref name="role"/> may send (for the page to enable its buttons).</summary>
    public static IReadOnlyList<string> For(UiRole role) => [.. Commands.Where(c => May(role, c))];

    /// <summary>The roles allowed to send <paramref name="command"/>, in words.</summary>
    public static string RolesFor(string command) =>
        Allowed.TryGetValue(command, out var roles) ? string.Join(" or ", roles.Select(Name)) : "nobody";

    public static string Name(UiRole role) => role == UiRole.RemoteOfficer ? "remote-officer" : role.ToString().ToLowerInvariant();

    public static bool TryParseRole(string? text, out UiRole role) => Names.TryGetValue((text ?? string.Empty).Trim(), out role);

    public static UiRole ParseRole(string? text) =>
        TryParseRole(text, out var role) ? role : throw new ArgumentException($"unknown role '{text}' (use {RoleNames})", nameof(text));
}
