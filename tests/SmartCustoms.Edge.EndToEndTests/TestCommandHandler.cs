using System.Collections.Concurrent;
using System.Text.Json;
using SmartCustoms.Edge.Core;
using SmartCustoms.Edge.Core.Lots;
using SmartCustoms.Edge.Messaging;
using CommandResult = SmartCustoms.Edge.Messaging.CommandResult;

namespace SmartCustoms.Edge.EndToEndTests;

/// <summary>
/// A real command handler for the test host, forwarding the panel's commands to the lane core the way
/// the gateway's GatewayCommandHandler does (which the test cannot reference: the host is not a dependency
/// of the UI). Records every command so tests can check sender and user.
/// </summary>
internal sealed class TestCommandHandler(LaneCore core) : ICommandHandler
{
    public ConcurrentQueue<MqttCommand> Received { get; } = new();

    public Task<CommandResult> HandleAsync(MqttCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        Received.Enqueue(command);
        var p = command.Payload;
        try
        {
            var result = command.Name switch
            {
                "start-lot" => core.StartLot(new LotDeclaration(Text(p, "lotId")!, Text(p, "declarationNumber")!, Text(p, "vessel")!,
                    Text(p, "declaredBrand")!, p.GetProperty("declaredMassTonnes").GetDouble(), Text(p, "hsCode")!)),
                "end-lot" => core.EndLot(Text(p, "lotId", required: false)),
                "request-increment" => core.RequestIncrement(Text(p, "reason", required: false) ?? "manual request"),
                "ack-alarm" => core.AcknowledgeAlarm(Text(p, "alarmId")!, Text(p, "user", required: false) ?? command.Sender ?? "", Text(p, "note", required: false)),
                _ => Core.Lots.CommandResult.Fail($"unknown command '{command.Name}'"),
            };
            return Task.FromResult(result.Ok ? CommandResult.Success() : CommandResult.Failure(result.Error ?? "refused"));
        }
        catch (Exception ex) when (ex is KeyNotFoundException or InvalidOperationException or FormatException)
        {
            return Task.FromResult(CommandResult.Failure($"{command.Name}: {ex.Message}"));
        }
    }

    private static string? Text(JsonElement payload, string name, bool required = true)
    {
        if (payload.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } s)
        {
            return s;
        }

        return required ? throw new KeyNotFoundException($"field '{name}' is required") : null;
    }
}
