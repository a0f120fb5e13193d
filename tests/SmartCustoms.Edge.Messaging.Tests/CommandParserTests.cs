using System.Text;
using MQTTnet;

namespace SmartCustoms.Edge.Messaging.Tests;

public sealed class CommandParserTests
{
    private static readonly MqttTopics Topics = new("pier7", "lane2");

    [Fact]
    public void ValidCommand_IsParsed_WithSenderFromUserProperty()
    {
        var message = new MqttApplicationMessageBuilder()
            .WithTopic("sc/v1/pier7/lane2/cmd/ack-alarm")
            .WithPayload("""{"alarmId":"A1","user":"op1"}""")
            .WithUserProperty("sender", Encoding.UTF8.GetBytes("central").AsMemory())
            .Build();

        Assert.True(CommandParser.TryParse(message, Topics, 1024, out var command, out var error), error);
        Assert.Equal("ack-alarm", command!.Name);
        Assert.Equal("A1", command.Payload.GetProperty("alarmId").GetString());
        Assert.Equal("central", command.Sender);
    }

    [Fact]
    public void EmptyPayload_IsAnEmptyObject()
    {
        var message = new MqttApplicationMessageBuilder().WithTopic("sc/v1/pier7/lane2/cmd/end-lot").Build();
        Assert.True(CommandParser.TryParse(message, Topics, 1024, out var command, out _));
        Assert.Empty(command!.Payload.EnumerateObject());
        Assert.Null(command.Sender);
    }

    [Theory]
    [InlineData("{\"a\":", "not valid JSON")]
    [InlineData("\"text\"", "must be a JSON object, got String")]
    [InlineData("[1]", "must be a JSON object, got Array")]
    public void BadPayload_GivesAClearError(string payload, string expected)
    {
        var message = new MqttApplicationMessageBuilder()
            .WithTopic("sc/v1/pier7/lane2/cmd/start-lot").WithPayload(payload).Build();
        Assert.False(CommandParser.TryParse(message, Topics, 1024, out _, out var error));
        Assert.Contains("command 'start-lot'", error, StringComparison.Ordinal);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void OversizedPayload_IsRefusedBeforeParsing()
    {
        var message = new MqttApplicationMessageBuilder()
            .WithTopic("sc/v1/pier7/lane2/cmd/start-lot").WithPayload(new string(' ', 2000)).Build();
        Assert.False(CommandParser.TryParse(message, Topics, 1024, out _, out var error));
        Assert.Equal("command 'start-lot': payload is 2000 bytes, more than the limit of 1024", error);
    }

    [Fact]
    public void NestedTopic_IsNotACommand()
    {
        var message = new MqttApplicationMessageBuilder().WithTopic("sc/v1/pier7/lane2/cmd/a/b").Build();
        Assert.False(CommandParser.TryParse(message, Topics, 1024, out _, out var error));
        Assert.Contains("not a command topic", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Results_SerializeAsTheContractSays()
    {
        Assert.Equal("""{"ok":true}""", CommandResult.Success().ToJson());
        Assert.Equal("""{"ok":false,"error":"lot L1 is already open"}""",
            CommandResult.Failure("lot L1 is already open").ToJson());
    }
}
