using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace SmartCustoms.Edge.Ui.Options;

/// <summary>
/// With <c>--simulate</c> (<c>Simulator:Enabled=true</c>) and no <c>Ui:Users</c> configured, the panel gets one
/// demo user per role so the simulated lane can be driven at once. Never in production: without the simulator
/// nothing is added and a panel without users stays read-only (the sign-in page says so).
/// </summary>
internal sealed class SimulatorPanelUsers(IConfiguration configuration) : IPostConfigureOptions<UiOptions>
{
    /// <summary>The demo users: name, PIN, role (shown on the sign-in page only in simulator mode).</summary>
    public static readonly IReadOnlyList<(string Name, string Pin, string Role)> Demo =
    [
        ("operator", "1111", "operator"),
        ("supervisor", "2222", "supervisor"),
        ("technician", "3333", "technician"),
        ("remote", "4444", "remote-officer"),
    ];

    private volatile bool _added;

    /// <summary>True once the demo users were added (the sign-in page then shows their PINs).</summary>
    public bool Added => _added;

    public void PostConfigure(string? name, UiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!configuration.GetValue<bool>("Simulator:Enabled") || options.Users.Count > 0)
        {
            return;
        }

        foreach (var (user, pin, role) in Demo)
        {
            options.Users.Add(new UiUserOptions { Name = user, Pin = pin, Role = role });
        }

        _added = true;
    }
}
