using System.Text.Json;
using Microsoft.Extensions.Configuration;
using SmartCustoms.Edge.Audit;
using SmartCustoms.Edge.Messaging;

namespace SmartCustoms.Edge.IntegrationTests.Messaging;

/// <summary>What the gateway writes into the audit chain for commands and configuration (in-process, no I/O).</summary>
public sealed class AuditEntriesTests
{
    [Fact]
    public void ACommandEntry_KeepsPayloadSenderAndOutcome_ButNeverTheToken()
    {
        using var payload = JsonDocument.Parse("""{"lotId":"L9","vessel":"Ore Star"}""");
        var command = new MqttCommand("start-lot", payload.RootElement.Clone(), "central-ops",
            new Dictionary<string, string> { ["token"] = "s3cret", ["sender"] = "central-ops", ["source"] = "ui" });

        var entry = CommandAuditEntry.For(command, CommandResult.Failure("lot L8 is still open"));

        Assert.Equal("command", entry.Category);
        Assert.Equal("start-lot", entry.Action);
        Assert.Equal("central-ops", entry.Actor);
        Assert.Equal("ui", entry.Source);
        Assert.Equal("L9", entry.Lot);
        Assert.Equal("refused: lot L8 is still open", entry.Outcome);
        var details = entry.Details!.ToJsonString();
        Assert.Contains("Ore Star", details, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", details, StringComparison.Ordinal);
        Assert.DoesNotContain("token", details, StringComparison.Ordinal);
    }

    [Fact]
    public void TheConfigurationFingerprint_ChangesWithASetting_AndNamesItsSection()
    {
        static EffectiveConfiguration Of(string port) => EffectiveConfiguration.Of(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Mqtt:Port"] = port,
                ["Mqtt:Site"] = "pier7",
                ["Storage:Path"] = "/var/lib/sc",
            })
            .Build());

        var first = Of("1883");
        var same = Of("1883");
        var changed = Of("8883");

        Assert.Equal(first.Sha256, same.Sha256);
        Assert.NotEqual(first.Sha256, changed.Sha256);
        Assert.Equal(3, first.Keys);
        Assert.Equal(first.Sections["Storage"], changed.Sections["Storage"]);
        Assert.NotEqual(first.Sections["Mqtt"], changed.Sections["Mqtt"]);
    }

    [Fact]
    public void PlainEnvironmentVariables_AreNotSettings()
    {
        var name = "SC_AUDIT_TEST_" + Guid.NewGuid().ToString("N")[..8];
        Environment.SetEnvironmentVariable(name, "1");
        try
        {
            var configuration = new ConfigurationBuilder()
                .AddInMemoryCollection(new Dictionary<string, string?> { ["Mqtt:Port"] = "1883" })
                .AddEnvironmentVariables()
                .Build();

            var effective = EffectiveConfiguration.Of(configuration);

            Assert.Equal(["Mqtt"], effective.Sections.Keys);
        }
        finally
        {
            Environment.SetEnvironmentVariable(name, null);
        }
    }
}
