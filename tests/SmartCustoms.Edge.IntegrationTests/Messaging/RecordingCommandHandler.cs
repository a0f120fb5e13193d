using System.Collections.Concurrent;
using SmartCustoms.Edge.Messaging;

namespace SmartCustoms.Edge.IntegrationTests.Messaging;

/// <summary>A host-side handler for tests: knows <c>start-lot</c> and <c>set-mode</c>, refuses the rest.</summary>
internal sealed class RecordingCommandHandler : ICommandHandler
{
    public ConcurrentQueue<MqttCommand> Commands { get; } = new();

    public Task<CommandResult> HandleAsync(MqttCommand command, CancellationToken cancellationToken)
    {
        Commands.Enqueue(command);
        return Task.FromResult(command.Name switch
        {
            "start-lot" when command.Payload.TryGetProperty("lotId", out _) => CommandResult.Success(),
            "start-lot" => CommandResult.Failure("start-lot needs lotId"),
            "set-mode" => CommandResult.Success(),
            _ => CommandResult.Failure($"unknown command '{command.Name}'"),
        });
    }
}
