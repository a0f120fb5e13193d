using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SmartCustoms.Edge.Storage;

namespace SmartCustoms.Edge.Messaging.Tests;

public sealed class MqttOptionsTests
{
    [Fact]
    public void Defaults_AreValid()
    {
        var result = new MqttOptionsValidator().Validate(null, new MqttOptions());
        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Theory]
    [InlineData("Mqtt:Port", "broker.example", 0)]
    [InlineData("Mqtt:Port", "broker.example", 70000)]
    [InlineData("Mqtt:EmbeddedBrokerPort", "", -1)]
    public void BadPort_FailsNamingTheKey(string key, string host, int port)
    {
        var options = new MqttOptions { Host = host, Port = port, EmbeddedBrokerPort = host.Length == 0 ? port : 1883 };
        var result = new MqttOptionsValidator().Validate(null, options);
        Assert.True(result.Failed);
        Assert.Contains(key, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void TopicLevels_MustNotContainWildcards()
    {
        var result = new MqttOptionsValidator().Validate(null, new MqttOptions { Site = "a/b", Lane = "l+" });
        Assert.Contains("Mqtt:Site", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("Mqtt:Lane", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Tls_WithMissingFiles_NamesTheKeys()
    {
        var result = new MqttOptionsValidator().Validate(null, new MqttOptions
        {
            Host = "broker",
            UseTls = true,
            CaCertificatePath = "/nonexistent/ca.pem",
            ClientCertificatePath = "/nonexistent/client.pem",
        });
        Assert.Contains("Mqtt:CaCertificatePath", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("Mqtt:ClientCertificatePath", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void ReconnectDelays_MustBeOrdered()
    {
        var result = new MqttOptionsValidator().Validate(null, new MqttOptions
        {
            ReconnectMinDelay = TimeSpan.FromSeconds(10),
            ReconnectMaxDelay = TimeSpan.FromSeconds(1),
        });
        Assert.Contains("Mqtt:ReconnectMaxDelay", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NonNumericPort_StopsHostStart_WithOneLineNamingTheKey()
    {
        using var host = BuildHost(new Dictionary<string, string?> { ["Mqtt:Host"] = "broker", ["Mqtt:Port"] = "abc" });
        var ex = await Assert.ThrowsAnyAsync<Exception>(() => host.StartAsync());
        Assert.Contains("Mqtt:Port", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', ex.Message);
    }

    [Fact]
    public async Task InvalidValue_StopsHostStart_WithTheKey()
    {
        using var host = BuildHost(new Dictionary<string, string?> { ["Mqtt:Host"] = "broker", ["Mqtt:Port"] = "0" });
        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.Contains("Mqtt:Port must be 1-65535, got 0", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void StorageSiteAndLane_DefaultToTheMqttOnes()
    {
        using var host = BuildHost(new Dictionary<string, string?> { ["Mqtt:Site"] = "pier9", ["Mqtt:Lane"] = "l3" });
        var storage = host.Services.GetRequiredService<IOptions<StorageOptions>>().Value;
        Assert.Equal("pier9", storage.Site);
        Assert.Equal("l3", storage.Lane);
    }

    private static IHost BuildHost(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder();
        settings["Storage:Path"] = Path.Combine(Path.GetTempPath(), "sc-never-" + Guid.NewGuid().ToString("N"));
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddEdgeStorage();
        builder.Services.AddMqtt();
        return builder.Build();
    }
}
