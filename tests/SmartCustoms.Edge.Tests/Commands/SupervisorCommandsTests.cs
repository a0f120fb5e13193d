using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using SmartCustoms.Edge.Commands;
using SmartCustoms.Edge.Core;
using SmartCustoms.Edge.Core.Options;
using SmartCustoms.Edge.Messaging;
using SmartCustoms.Edge.Storage;
using SmartCustoms.Edge.Ui.Commands;
using MsOptions = Microsoft.Extensions.Options.Options;

namespace SmartCustoms.Edge.Tests.Commands;

/// <summary>
/// <c>release-hold</c> / <c>set-threshold</c> in the gateway: only a supervisor's token (or the panel's key for a
/// signed-in supervisor) passes; a threshold is saved in the store folder and applied again after a restart.
/// Uses a temporary folder for the saved thresholds.
/// </summary>
public sealed class SupervisorCommandsTests() : CommandTestRig("sc-thresholds-")
{
    private ThresholdSettingsFile File() => new(Storage());

    private SupervisorCommands Commands(LaneCore core) => Supervisor(core);

    private static (MqttCommand Command, CommandPayload Payload) Command(string name, object payload, string? token)
    {
        var json = JsonSerializer.SerializeToElement(payload);
        var properties = token is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["token"] = token };
        return (new MqttCommand(name, json, "someone", properties), new CommandPayload(name, json));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("operator-token")]
    [InlineData("a-guess")]
    public void Without_a_supervisor_token_both_commands_are_refused(string? token)
    {
        var core = NewCore();
        var commands = Commands(core);
        foreach (var (name, payload) in new (string, object)[] { ("set-threshold", new { name = "LotHoldContaminatedSegments", value = 1 }), ("release-hold", new { note = "n" }) })
        {
            var (command, parsed) = Command(name, payload, token);
            var result = commands.Execute(command, parsed);
            Assert.False(result.Ok);
            Assert.Equal($"{name} needs the supervisor role: sign in at the panel as a supervisor, or send a token from Commands:SupervisorTokens", result.Error);
        }

        Assert.Equal(3, core.Thresholds["LotHoldContaminatedSegments"]);
        Assert.False(System.IO.File.Exists(File().Path));
    }

    [Fact]
    public async Task A_supervisor_token_sets_a_threshold_that_survives_a_restart()
    {
        var core = NewCore();
        var (command, payload) = Command("set-threshold", new { name = "Lane:Verdicts:LotHoldContaminatedSegments", value = 2 }, "supervisor-token");
        var result = Commands(core).Execute(command, payload);
        Assert.True(result.Ok, result.Error);
        Assert.Equal(2, core.Thresholds["LotHoldContaminatedSegments"]);
        Assert.Equal(3, result.Data!["previous"]!.GetValue<double>());

        // A restart: a new core from the same settings, then the saved values.
        var restarted = NewCore();
        Assert.Equal(3, restarted.Thresholds["LotHoldContaminatedSegments"]);
        await new ThresholdRestore(restarted, File(), NullLogger<ThresholdRestore>.Instance).StartAsync(CancellationToken.None);
        Assert.Equal(2, restarted.Thresholds["LotHoldContaminatedSegments"]);
    }

    [Fact]
    public void The_panel_key_counts_as_a_supervisor_and_a_refused_value_is_not_saved()
    {
        var core = NewCore();
        var commands = Commands(core);
        var (bad, badPayload) = Command("set-threshold", new { name = "SuspectProbability", value = 0.95 }, PanelKey.Value);
        var refused = commands.Execute(bad, badPayload);
        Assert.False(refused.Ok);
        Assert.Contains("Lane:Verdicts:SuspectProbability must be ≤ Lane:Verdicts:ContaminantProbability, got 0.95", refused.Error, StringComparison.Ordinal);
        Assert.False(System.IO.File.Exists(File().Path));

        var (good, goodPayload) = Command("set-threshold", new { name = "SuspectProbability", value = 0.8 }, PanelKey.Value);
        Assert.True(commands.Execute(good, goodPayload).Ok);
        Assert.Equal(0.8, File().Read()["SuspectProbability"]);
    }

    [Fact]
    public async Task A_saved_value_that_no_longer_validates_is_skipped_at_start_and_the_rest_applied()
    {
        Directory.CreateDirectory(Folder);
        System.IO.File.WriteAllText(File().Path, """{"LotHoldContaminatedSegments": 0, "LotSuspectSuspectSegments": 5}""");
        var core = NewCore();
        await new ThresholdRestore(core, File(), NullLogger<ThresholdRestore>.Instance).StartAsync(CancellationToken.None);
        Assert.Equal(3, core.Thresholds["LotHoldContaminatedSegments"]);
        Assert.Equal(5, core.Thresholds["LotSuspectSuspectSegments"]);
    }

    [Fact]
    public async Task A_damaged_file_does_not_stop_the_start()
    {
        Directory.CreateDirectory(Folder);
        System.IO.File.WriteAllText(File().Path, "{not json");
        var core = NewCore();
        await new ThresholdRestore(core, File(), NullLogger<ThresholdRestore>.Instance).StartAsync(CancellationToken.None);
        Assert.Equal(3, core.Thresholds["LotHoldContaminatedSegments"]);
        Assert.Throws<InvalidDataException>(() => File().Read());
    }

    [Fact]
    public void Release_hold_needs_a_note_and_a_lot_on_hold()
    {
        var core = NewCore();
        var commands = Commands(core);
        Assert.Throws<CommandPayloadException>(() =>
        {
            var (command, payload) = Command("release-hold", new { lotId = "L" }, "supervisor-token");
            commands.Execute(command, payload);
        });
        var (noLot, noLotPayload) = Command("release-hold", new { note = "n" }, "supervisor-token");
        Assert.Equal("release-hold: no lot is open (name the lot with 'lotId')", commands.Execute(noLot, noLotPayload).Error);
    }
}
