using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using SmartCustoms.Edge.Core;
using SmartCustoms.Edge.Core.Lots;
using SmartCustoms.Edge.Devices;
using SmartCustoms.Edge.Lane;
using SmartCustoms.Edge.Messaging;
using SmartCustoms.Edge.Storage;
using CommandResult = SmartCustoms.Edge.Messaging.CommandResult;

namespace SmartCustoms.Edge.Commands;

/// <summary>
/// The one place commands are executed, whichever way they arrive. Each reply is <c>{"ok":true}</c> or a
/// clear error; a refused command changes nothing. Commands this version does not implement are refused
/// with the list of those it does, never silently accepted.
/// </summary>
internal sealed partial class GatewayCommandHandler(
    LaneCore core,
    DeviceHealthPublisher deviceStates,
    IEventStore store,
    IOptions<MqttOptions> mqtt,
    IOptions<CommandOptions> commandOptions,
    TimeProvider time,
    Storage.Audit.IAuditLog audit,
    Storage.Evidence.IEvidenceStore evidence,
    NirCalibrationCommand calibration,
    SupervisorCommands supervisor,
    LaneModeCommand laneMode,
    ILogger<GatewayCommandHandler> logger) : ICommandHandler
{
    public static readonly IReadOnlyList<string> Supported = ["start-lot", "end-lot", "request-increment", "ack-alarm", "republish", "calibrate", "release-hold", "set-threshold", "set-mode"];

    public async Task<CommandResult> HandleAsync(MqttCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var result = await ExecuteAsync(command, cancellationToken);

        // Every command, executed or refused, goes into the audit chain (refusals show probing and mistakes).
        try
        {
            await audit.AppendAsync(Audit.CommandAuditEntry.For(command, result), CancellationToken.None);
        }
        catch (Exception ex) when (ex is IOException or ArgumentException or ObjectDisposedException)
        {
            LogAuditFailed(logger, command.Name, ex.Message);
        }

        if (result.Ok && command.Name == "ack-alarm" && command.Payload.TryGetProperty("alarmId", out var alarmId) &&
            alarmId.GetString() is { Length: > 0 } id)
        {
            try
            {
                await evidence.MarkAlarmAcknowledgedAsync(id, CancellationToken.None);
            }
            catch (Exception ex) when (ex is IOException or ObjectDisposedException)
            {
                // The evidence is then kept longer than needed, never shorter.
                LogAuditFailed(logger, command.Name, "evidence not released: " + ex.Message);
            }
        }

        return result;
    }

    private async Task<CommandResult> ExecuteAsync(MqttCommand command, CancellationToken cancellationToken)
    {
        if (!IsAuthorised(command))
        {
            LogRefused(logger, command.Name, command.Sender ?? "(unknown)", "not authorised");
            return CommandResult.Failure("not authorised: a valid 'token' user property is required for commands");
        }

        try
        {
            var payload = new CommandPayload(command.Name, command.Payload);
            var result = command.Name switch
            {
                "start-lot" => FromCore(core.StartLot(new LotDeclaration(
                    payload.RequiredString("lotId"),
                    payload.RequiredString("declarationNumber"),
                    payload.RequiredString("vessel"),
                    payload.RequiredString("declaredBrand"),
                    payload.RequiredNumber("declaredMassTonnes"),
                    payload.RequiredString("hsCode")))),
                "end-lot" => FromCore(core.EndLot(payload.OptionalString("lotId"))),
                "request-increment" => FromCore(core.RequestIncrement(payload.OptionalString("reason") ?? "manual request")),
                "ack-alarm" => FromCore(core.AcknowledgeAlarm(
                    payload.RequiredString("alarmId"),
                    payload.OptionalString("user") ?? command.Sender ?? throw new CommandPayloadException("ack-alarm: field 'user' is required"),
                    payload.OptionalString("note"))),
                "republish" => await RepublishAsync(cancellationToken),
                "calibrate" => await calibration.RunAsync(payload, command.Sender ?? "(unknown)", cancellationToken),
                "release-hold" or "set-threshold" => supervisor.Execute(command, payload),
                LaneModeCommand.Name => await laneMode.ExecuteAsync(command, payload, cancellationToken),
                _ => CommandResult.Failure($"unknown command '{command.Name}'; this gateway supports: {string.Join(", ", Supported)}"),
            };
            if (result.Ok)
            {
                LogExecuted(logger, command.Name, command.Sender ?? "(unknown)");
            }
            else
            {
                LogRefused(logger, command.Name, command.Sender ?? "(unknown)", result.Error ?? string.Empty);
            }

            return result;
        }
        catch (CommandPayloadException ex)
        {
            LogRefused(logger, command.Name, command.Sender ?? "(unknown)", ex.Message);
            return CommandResult.Failure(ex.Message);
        }
    }

    private bool IsAuthorised(MqttCommand command)
    {
        var tokens = commandOptions.Value.Tokens;
        if (tokens.Count == 0 || supervisor.CarriesSupervisorToken(command))
        {
            return true;
        }

        return command.UserProperties.TryGetValue("token", out var token) &&
               tokens.Any(t => System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
                   System.Text.Encoding.UTF8.GetBytes(t), System.Text.Encoding.UTF8.GetBytes(token)));
    }

    private static CommandResult FromCore(Core.Lots.CommandResult result) =>
        result.Ok ? CommandResult.Success() : CommandResult.Failure(result.Error ?? "refused");

    private async Task<CommandResult> RepublishAsync(CancellationToken cancellationToken)
    {
        await store.AppendAsync(LaneState.Online(time.GetUtcNow(), mqtt.Value.EffectiveClientId, laneMode.StateDetails), cancellationToken);
        deviceStates.RepublishAll();
        if (core.GetSnapshot().Lot is { } lot)
        {
            var data = JsonNode.Parse(Core.Events.LaneEventJson.SerializeData(new Core.Events.LaneEvent("lot", "verdict", lot.Declaration.LotId, time.GetUtcNow(), lot)));
            await store.AppendAsync(EventDraft.ForLotVerdict(lot.Declaration.LotId, data), cancellationToken);
        }

        return CommandResult.Success();
    }

    [LoggerMessage(EventId = 1500, Level = LogLevel.Information, Message = "Command {Command} from {Sender} executed")]
    private static partial void LogExecuted(ILogger logger, string command, string sender);

    [LoggerMessage(EventId = 1501, Level = LogLevel.Warning, Message = "Command {Command} from {Sender} refused: {Reason}")]
    private static partial void LogRefused(ILogger logger, string command, string sender, string reason);

    [LoggerMessage(EventId = 1502, Level = LogLevel.Error, Message = "Command {Command} could not be audited: {Reason}")]
    private static partial void LogAuditFailed(ILogger logger, string command, string reason);
}
