using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using SmartCustoms.Edge.Core;
using SmartCustoms.Edge.Core.Mode;
using SmartCustoms.Edge.Messaging;
using SmartCustoms.Edge.Storage;

namespace SmartCustoms.Edge.Commands;

/// <summary>
/// <c>set-mode</c> (<c>{"mode":"run"|"maintenance","note"?}</c>): switches the lane between run and maintenance
/// (rules in <see cref="LaneModeRules"/>; to maintenance only with no lot open), saves the mode in
/// <see cref="LaneModeFile"/> and republishes the retained lane state with it at once. Who may: a technician or a
/// supervisor signed in at the panel (the panel vouches with its supervisor key), or a client with a
/// <c>Commands:SupervisorTokens</c> token — taking a lane out of service is not an operator's or a plain API
/// client's decision. Reply data <c>{mode, previous}</c>. Thread-safe (the core locks; the file serialises).
/// </summary>
internal sealed class LaneModeCommand(
    LaneCore core,
    LaneModeFile file,
    SupervisorCommands supervisor,
    LaneModeStateDetails details,
    IEventStore store,
    IOptions<MqttOptions> mqtt,
    TimeProvider time)
{
    public const string Name = "set-mode";

    /// <summary>What the online lane state carries besides online/since/clientId (the mode; <c>republish</c> sends it too).</summary>
    public ILaneStateDetails StateDetails => details;

    private EventDraft LaneStateNow() => LaneState.Online(time.GetUtcNow(), mqtt.Value.EffectiveClientId, details);

    public async Task<CommandResult> ExecuteAsync(MqttCommand command, CommandPayload payload, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(payload);
        if (!supervisor.CarriesSupervisorToken(command))
        {
            return CommandResult.Failure("set-mode needs a technician or supervisor: sign in at the panel as one, or send a token from Commands:SupervisorTokens");
        }

        var text = payload.OptionalString("mode");
        if (!LaneModeRules.TryParse(text, out var mode))
        {
            return CommandResult.Failure(text is null
                ? $"set-mode: field 'mode' is required ({LaneModeRules.AllowedValues})"
                : $"set-mode: field 'mode' must be one of {LaneModeRules.AllowedValues}, got '{text}'");
        }

        var note = payload.OptionalString("note");
        var previous = core.ModeChange;
        var previousMode = previous?.Mode ?? LaneMode.Run;
        var result = core.SetMode(mode, command.Sender, string.IsNullOrWhiteSpace(note) ? null : note.Trim());
        if (!result.Ok)
        {
            return CommandResult.Failure(result.Error ?? "refused");
        }

        if (mode != previousMode)
        {
            try
            {
                file.Save(core.ModeChange!);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Not kept across a restart: undo, so what runs is what is saved.
                core.SetMode(previousMode, previous?.By, previous?.Note, previous?.Since);
                return CommandResult.Failure($"set-mode: the lane stays in {LaneModeRules.Name(previousMode)}: the mode could not be saved ({ex.Message})");
            }

            // The retained lane state carries the mode: publish it now, not at the next connect.
            await store.AppendAsync(LaneStateNow(), cancellationToken);
        }

        return CommandResult.Success(new JsonObject
        {
            ["mode"] = LaneModeRules.Name(mode),
            ["previous"] = LaneModeRules.Name(previousMode),
        });
    }
}
