using System.Text;
using MQTTnet;
using MQTTnet.Protocol;
using SmartCustoms.Edge.Storage;

namespace SmartCustoms.Edge.Messaging.Tests;

public sealed class OutboxMessagesTests
{
    [Fact]
    public void StoredEvent_BecomesQoS1MessageWithUserPropertiesAndContentType()
    {
        var stored = new StoredEvent(12, "id-12", DateTimeOffset.UnixEpoch, "verdict", "sc.lot.verdict/1",
            "lot/L1/verdict", Retained: true, EventPriority.High, "L1", Delivered: false, """{"seq":12}""");

        var message = OutboxMessages.ToMessage(stored, new MqttTopics("pier7", "lane2"));

        Assert.Equal("sc/v1/pier7/lane2/lot/L1/verdict", message.Topic);
        Assert.Equal(MqttQualityOfServiceLevel.AtLeastOnce, message.QualityOfServiceLevel);
        Assert.True(message.Retain);
        Assert.Equal("application/json", message.ContentType);
        Assert.Equal("""{"seq":12}""", Encoding.UTF8.GetString(message.Payload));
        var properties = message.UserProperties.ToDictionary(p => p.Name, p => Encoding.UTF8.GetString(p.ValueBuffer.Span));
        Assert.Equal("sc.lot.verdict/1", properties["schema"]);
        Assert.Equal("id-12", properties["id"]);
    }

    [Theory]
    [InlineData(MqttClientPublishReasonCode.Success, true)]
    [InlineData(MqttClientPublishReasonCode.NoMatchingSubscribers, true)]
    [InlineData(MqttClientPublishReasonCode.NotAuthorized, false)]
    [InlineData(MqttClientPublishReasonCode.QuotaExceeded, false)]
    public void OnlyBrokerAcceptance_CountsAsDelivered(MqttClientPublishReasonCode code, bool accepted) =>
        Assert.Equal(accepted, OutboxMessages.IsAccepted(new MqttClientPublishResult(1, code, null, [])));

    [Fact]
    public void Backoff_GrowsExponentially_WithinJitter_AndIsCapped()
    {
        var low = new ReconnectBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), () => 0.0);
        var high = new ReconnectBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), () => 1.0);
        Assert.Equal(TimeSpan.FromMilliseconds(800), low.Delay(0));
        Assert.Equal(TimeSpan.FromMilliseconds(1200), high.Delay(0));
        Assert.Equal(TimeSpan.FromMilliseconds(3200), low.Delay(2));
        Assert.Equal(TimeSpan.FromSeconds(30), high.Delay(10));
        Assert.Equal(TimeSpan.FromSeconds(24), low.Delay(1000));
    }
}
