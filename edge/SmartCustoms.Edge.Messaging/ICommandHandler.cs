namespace SmartCustoms.Edge.Messaging;

/// <summary>
/// Executes commands received over MQTT; the host implements it (one handler for UI, MQTT and HTTP commands).
/// It decides about unknown names, authorisation and payload contents, answering with a clear error.
/// Thread-safety: called from one command loop at a time, but may run beside other callers of the host.
/// </summary>
public interface ICommandHandler
{
    Task<CommandResult> HandleAsync(MqttCommand command, CancellationToken cancellationToken);
}
