using SmartCustoms.Edge.Core;
using SmartCustoms.Edge.Messaging;
using SmartCustoms.Edge.Ui.Commands;

namespace SmartCustoms.Edge.Commands;

/// <summary>
/// The supervisor-only commands: <c>release-hold</c> (<c>{"lotId"?,"note","user"?}</c>) and <c>set-threshold</c>
/// (<c>{"name","value"}</c>). Only a supervisor may send them: from the panel a signed-in supervisor (the panel
/// vouches with <see cref="PanelSupervisorKey"/>), from MQTT or HTTP a token listed in
/// <c>Commands:SupervisorTokens</c>; anything else is refused. Thread-safe (the core locks; the file serialises).
/// </summary>
internal sealed class SupervisorCommands(LaneCore core, ThresholdSettingsFile thresholds, PanelSupervisorKey panelKey, Microsoft.Extensions.Options.IOptions<CommandOptions> options)
{
    public static readonly IReadOnlyList<string> Names = ["release-hold", "set-threshold"];

    public static bool IsSupervisorCommand(string name) => Names.Contains(name, StringComparer.Ordinal);

    /// <summary>True when the command's token is the panel's supervisor key or a <c>Commands:SupervisorTokens</c> token.</summary>
    public bool CarriesSupervisorToken(MqttCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (!command.UserProperties.TryGetValue("token", out var token) || string.IsNullOrEmpty(token))
        {
            return false;
        }

        var presented = System.Text.Encoding.UTF8.GetBytes(token);
        return panelKey.Matches(token) || options.Value.SupervisorTokens.Any(t =>
            System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(System.Text.Encoding.UTF8.GetBytes(t), presented));
    }

    public CommandResult Execute(MqttCommand command, CommandPayload payload)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(payload);
        if (!CarriesSupervisorToken(command))
        {
            return CommandResult.Failure($"{command.Name} needs the supervisor role: sign in at the panel as a supervisor, or send a token from Commands:SupervisorTokens");
        }

        return command.Name switch
        {
            "release-hold" => FromCore(core.ReleaseHold(
                payload.OptionalString("lotId"),
                payload.OptionalString("user") ?? command.Sender ?? throw new CommandPayloadException("release-hold: field 'user' is required"),
                payload.RequiredString("note"))),
            "set-threshold" => SetThreshold(payload.RequiredString("name"), payload.RequiredNumber("value")),
            _ => CommandResult.Failure($"'{command.Name}' is not a supervisor command"),
        };
    }

    private CommandResult SetThreshold(string name, double value)
    {
        var canonical = Core.Lots.VerdictThresholds.Canonical(name);
        var before = canonical is null ? (double?)null : core.Thresholds[canonical];
        var result = core.SetThreshold(name, value);
        if (!result.Ok || canonical is null)
        {
            return FromCore(result);
        }

        try
        {
            thresholds.Save(canonical, value);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Not kept across a restart: undo, so what runs is what is saved.
            core.SetThreshold(canonical, before!.Value);
            return CommandResult.Failure($"set-threshold: {canonical} not changed: it could not be saved ({ex.Message})");
        }

        return CommandResult.Success(new System.Text.Json.Nodes.JsonObject
        {
            ["name"] = canonical,
            ["value"] = value,
            ["previous"] = before,
        });
    }

    private static CommandResult FromCore(Core.Lots.CommandResult result) =>
        result.Ok ? CommandResult.Success() : CommandResult.Failure(result.Error ?? "refused");
}
