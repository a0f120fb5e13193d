using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MQTTnet;
using MQTTnet.Packets;
using MQTTnet.Protocol;
using SmartCustoms.Edge.Storage.Audit;

namespace SmartCustoms.Edge.Messaging;

/// <summary>
/// Subscribes to <c>…/cmd/+</c> on every connect, runs each command through the host's
/// <see cref="ICommandHandler"/> and replies on the request's MQTT 5 response topic with its correlation data.
/// Commands are handled one at a time on this service's loop, never on MQTTnet's receive loop (awaiting the
/// reply's PUBACK there would deadlock). A command without a response topic is refused and counted: its sender
/// could never learn whether it ran.
/// Thread-safety: a hosted service; no public members besides the host's.
/// </summary>
public sealed partial class CommandListener : BackgroundService
{
    private const int QueueCapacity = 256;

    private readonly MqttConnection _connection;
    private readonly MqttOptions _options;
    private readonly IServiceProvider _services;
    private readonly MessagingMetrics _metrics;
    private readonly ILogger<CommandListener> _logger;
    private readonly Channel<MqttApplicationMessage> _queue = Channel.CreateBounded<MqttApplicationMessage>(
        new BoundedChannelOptions(QueueCapacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    public CommandListener(MqttConnection connection, IOptions<MqttOptions> options, IServiceProvider services,
        MessagingMetrics metrics, ILogger<CommandListener> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _connection = connection;
        _options = options.Value;
        _services = services;
        _metrics = metrics;
        _logger = logger;
        _connection.RegisterConnectedHandler(SubscribeAsync);
        _connection.MessageReceived = OnMessageReceivedAsync;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var message in _queue.Reader.ReadAllAsync(stoppingToken))
            {
                await HandleAsync(message, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping; queued commands were not acknowledged to their senders and will not be answered.
        }
    }

    private async Task SubscribeAsync(CancellationToken cancellationToken)
    {
        var subscribe = new MqttClientSubscribeOptionsBuilder()
            .WithTopicFilter(_connection.Topics.CommandFilter, MqttQualityOfServiceLevel.AtLeastOnce)
            .Build();
        var result = await _connection.SubscribeAsync(subscribe, cancellationToken);
        foreach (var item in result.Items)
        {
            if (item.ResultCode > MqttClientSubscribeResultCode.GrantedQoS2)
            {
                throw new InvalidOperationException(
                    $"broker refused the command subscription {_connection.Topics.CommandFilter}: {item.ResultCode}");
            }
        }
    }

    private Task OnMessageReceivedAsync(MqttApplicationMessageReceivedEventArgs e)
    {
        if (!e.ApplicationMessage.Topic.StartsWith(_connection.Topics.CommandPrefix, StringComparison.Ordinal))
        {
            return Task.CompletedTask;
        }

        if (!_queue.Writer.TryWrite(e.ApplicationMessage))
        {
            // Full queue: refuse rather than block MQTTnet's receive loop (which also carries our PUBACKs).
            _metrics.Command("busy");
            LogBusy(_logger, e.ApplicationMessage.Topic);
            _ = ReplyAsync(e.ApplicationMessage, CommandResult.Failure("gateway busy: too many commands queued"),
                CancellationToken.None);
        }

        return Task.CompletedTask;
    }

    private async Task HandleAsync(MqttApplicationMessage message, CancellationToken stoppingToken)
    {
        if (string.IsNullOrEmpty(message.ResponseTopic))
        {
            _metrics.Command("no_response_topic");
            LogNoResponseTopic(_logger, message.Topic);
            await AuditRefusalAsync(message, "no MQTT 5 response topic");
            return;
        }

        if (!CommandParser.TryParse(message, _connection.Topics, _options.MaxCommandBytes, out var command,
                out var error))
        {
            _metrics.Command("malformed");
            LogMalformed(_logger, message.Topic, error!);
            await AuditRefusalAsync(message, error!);
            await ReplyAsync(message, CommandResult.Failure(error!), stoppingToken);
            return;
        }

        var handler = _services.GetService<ICommandHandler>();
        CommandResult result;
        if (handler is null)
        {
            result = CommandResult.Failure($"command '{command!.Name}' cannot be handled: this gateway has no " +
                                           "command handler");
        }
        else
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            timeout.CancelAfter(_options.CommandTimeout);
            try
            {
                result = await handler.HandleAsync(command!, timeout.Token);
            }
            catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
            {
                result = CommandResult.Failure(
                    $"command '{command!.Name}' timed out after {_options.CommandTimeout.TotalSeconds:0.#} s");
            }
#pragma warning disable CA1031 // A handler bug becomes an error reply, never a dead command loop.
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
#pragma warning restore CA1031
            {
                LogHandlerFailed(_logger, command!.Name, ex);
                result = CommandResult.Failure($"command '{command.Name}' failed: {ex.Message}");
            }
        }

        _metrics.Command(result.Ok ? "ok" : "error");
        LogHandled(_logger, command!.Name, command.Sender ?? "(unknown)", result.Ok, result.Error ?? "");
        await ReplyAsync(message, result, stoppingToken);
    }

    /// <summary>Commands refused before any handler saw them go into the audit chain too (when the host has one):
    /// topic, size and reason, never the payload itself (it may be garbage or huge).</summary>
    private async Task AuditRefusalAsync(MqttApplicationMessage message, string reason)
    {
        if (_services.GetService<IAuditLog>() is not { } audit)
        {
            return;
        }

        var sender = message.UserProperties?.FirstOrDefault(p => p.Name is "sender" or "user")?.ReadValueAsString();
        try
        {
            await audit.AppendAsync(new AuditEntry("command", "refused-before-handler")
            {
                Actor = sender ?? "(unknown)",
                Source = "mqtt",
                Outcome = "refused: " + reason,
                Details = new System.Text.Json.Nodes.JsonObject
                {
                    ["topic"] = message.Topic,
                    ["bytes"] = message.Payload.Length,
                },
            }, CancellationToken.None);
        }
        catch (Exception ex) when (ex is IOException or ArgumentException or ObjectDisposedException)
        {
            LogAuditFailed(_logger, message.Topic, ex.Message);
        }
    }

    private async Task ReplyAsync(MqttApplicationMessage request, CommandResult result,
        CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(request.ResponseTopic))
        {
            return;
        }

        var builder = new MqttApplicationMessageBuilder()
            .WithTopic(request.ResponseTopic)
            .WithPayload(result.ToJson())
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .WithContentType(OutboxMessages.ContentType)
            .WithPayloadFormatIndicator(MqttPayloadFormatIndicator.CharacterData);
        if (request.CorrelationData is { Length: > 0 } correlation)
        {
            builder.WithCorrelationData(correlation);
        }

        try
        {
            await _connection.PublishAsync(builder.Build(), cancellationToken);
        }
#pragma warning disable CA1031 // A lost reply is logged; the sender's request times out on its side.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogReplyFailed(_logger, request.ResponseTopic, ex.Message);
        }
    }

    [LoggerMessage(EventId = 2040, Level = LogLevel.Information,
        Message = "Command {Name} from {Sender}: ok={Ok} {Error}")]
    private static partial void LogHandled(ILogger logger, string name, string sender, bool ok, string error);

    [LoggerMessage(EventId = 2041, Level = LogLevel.Warning, Message = "Command on {Topic} rejected: {Error}")]
    private static partial void LogMalformed(ILogger logger, string topic, string error);

    [LoggerMessage(EventId = 2042, Level = LogLevel.Warning,
        Message = "Command on {Topic} has no MQTT 5 response topic; refused (its sender could not learn the result)")]
    private static partial void LogNoResponseTopic(ILogger logger, string topic);

    [LoggerMessage(EventId = 2043, Level = LogLevel.Error, Message = "Command handler failed on {Name}")]
    private static partial void LogHandlerFailed(ILogger logger, string name, Exception exception);

    [LoggerMessage(EventId = 2044, Level = LogLevel.Warning, Message = "Reply to {Topic} not sent: {Error}")]
    private static partial void LogReplyFailed(ILogger logger, string topic, string error);

    [LoggerMessage(EventId = 2045, Level = LogLevel.Warning, Message = "Command queue full; {Topic} refused")]
    private static partial void LogBusy(ILogger logger, string topic);

    [LoggerMessage(EventId = 2046, Level = LogLevel.Error, Message = "Refused command on {Topic} could not be audited: {Error}")]
    private static partial void LogAuditFailed(ILogger logger, string topic, string error);
}
