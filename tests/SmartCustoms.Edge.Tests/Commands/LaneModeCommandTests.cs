using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using SmartCustoms.Edge.Commands;
using SmartCustoms.Edge.Core;
using SmartCustoms.Edge.Core.Lots;
using SmartCustoms.Edge.Core.Mode;
using SmartCustoms.Edge.Core.Options;
using SmartCustoms.Edge.Messaging;
using SmartCustoms.Edge.Storage;
using SmartCustoms.Edge.Ui.Commands;
using MsOptions = Microsoft.Extensions.Options.Options;

namespace SmartCustoms.Edge.Tests.Commands;

/// <summary>
/// <c>set-mode</c> in the gateway: who may send it, bad values named, the lane state republished with the mode,
/// and the mode saved and applied again after a restart. Uses a temporary folder for the saved mode.
/// </summary>
public sealed class LaneModeCommandTests() : CommandTestRig("sc-mode-")
{
    private readonly RecordingStore _store = new();

    private LaneModeFile File() => new(Storage());

    private LaneModeCommand Command(LaneCore core)
    {
        var supervisor = Supervisor(core);
        return new LaneModeCommand(core, File(), supervisor, new LaneModeStateDetails(core), _store,
            MsOptions.Create(new MqttOptions { ClientId = "gw-test" }), TimeProvider.System);
    }

    private static (MqttCommand Command, CommandPayload Payload) SetMode(object payload, string? token)
    {
        var json = JsonSerializer.SerializeToElement(payload);
        var properties = token is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["token"] = token };
        return (new MqttCommand("set-mode", json, "tech-anna", properties), new CommandPayload("set-mode", json));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("operator-token")]
    [InlineData("a-guess")]
    public async Task Without_a_supervisor_token_set_mode_is_refused_and_nothing_changes(string? token)
    {
        var core = NewCore();
        var (command, payload) = SetMode(new { mode = "maintenance" }, token);

        var result = await Command(core).ExecuteAsync(command, payload, CancellationToken.None);

        Assert.False(result.Ok);
        Assert.Contains("needs a technician or supervisor", result.Error, StringComparison.Ordinal);
        Assert.Equal(LaneMode.Run, core.Mode);
        Assert.Empty(_store.Drafts);
        Assert.False(System.IO.File.Exists(File().Path));
    }

    [Theory]
    [InlineData("""{"mode":"paused"}""", "set-mode: field 'mode' must be one of run, maintenance, got 'paused'")]
    [InlineData("""{}""", "set-mode: field 'mode' is required (run, maintenance)")]
    public async Task A_bad_mode_is_refused_naming_the_field_and_the_allowed_values(string body, string error)
    {
        var core = NewCore();
        var json = JsonDocument.Parse(body).RootElement;
        var command = new MqttCommand("set-mode", json, "x", new Dictionary<string, string> { ["token"] = "supervisor-token" });

        var result = await Command(core).ExecuteAsync(command, new CommandPayload("set-mode", json), CancellationToken.None);

        Assert.False(result.Ok);
        Assert.Equal(error, result.Error);
        Assert.Equal(LaneMode.Run, core.Mode);
    }

    [Fact]
    public async Task The_panel_key_switches_to_maintenance_republishes_the_lane_state_and_saves_the_mode()
    {
        var core = NewCore();
        var (command, payload) = SetMode(new { mode = "maintenance", note = "belt splice" }, PanelKey.Value);

        var result = await Command(core).ExecuteAsync(command, payload, CancellationToken.None);

        Assert.True(result.Ok, result.Error);
        Assert.Equal("maintenance", result.Data!["mode"]!.GetValue<string>());
        Assert.Equal("run", result.Data["previous"]!.GetValue<string>());
        Assert.Equal(LaneMode.Maintenance, core.Mode);
        var state = Assert.Single(_store.Drafts);
        Assert.Equal(LaneState.Schema, state.Schema);
        Assert.True(state.Retained);
        Assert.Equal("maintenance", state.Data!["mode"]!.GetValue<string>());
        Assert.True(state.Data["online"]!.GetValue<bool>());
        Assert.NotNull(state.Data["modeSince"]);

        var saved = File().Read()!;
        Assert.Equal(LaneMode.Maintenance, saved.Mode);
        Assert.Equal("tech-anna", saved.By);
        Assert.Equal("belt splice", saved.Note);
    }

    [Fact]
    public async Task With_a_lot_open_maintenance_is_refused_with_the_core_s_reason()
    {
        var core = NewCore();
        Assert.True(core.StartLot(new LotDeclaration("LOT-7", "D-1", "MV Ore", "Pilbara Blend fines", 1000, "2601110000")).Ok);
        var (command, payload) = SetMode(new { mode = "maintenance" }, "supervisor-token");

        var result = await Command(core).ExecuteAsync(command, payload, CancellationToken.None);

        Assert.False(result.Ok);
        Assert.Equal("lot LOT-7 is open: end the lot first (end-lot), then switch the lane to maintenance", result.Error);
        Assert.Empty(_store.Drafts);
    }

    [Fact]
    public async Task A_lane_left_in_maintenance_is_in_maintenance_after_a_restart_until_switched_back()
    {
        var first = NewCore();
        var (command, payload) = SetMode(new { mode = "maintenance", note = "sampler gearbox" }, "supervisor-token");
        Assert.True((await Command(first).ExecuteAsync(command, payload, CancellationToken.None)).Ok);
        var setAt = first.ModeChange!.Since;

        var restarted = NewCore();
        await Restore(restarted);
        Assert.Equal(LaneMode.Maintenance, restarted.Mode);
        Assert.Equal(setAt, restarted.ModeChange!.Since);
        Assert.Equal("sampler gearbox", restarted.ModeChange.Note);
        Assert.False(restarted.StartLot(new LotDeclaration("LOT-8", "D-1", "MV Ore", "Pilbara Blend fines", 1000, "2601110000")).Ok);
        Assert.Equal("maintenance", _store.Drafts[^1].Data!["mode"]!.GetValue<string>());

        (command, payload) = SetMode(new { mode = "run" }, "supervisor-token");
        Assert.True((await Command(restarted).ExecuteAsync(command, payload, CancellationToken.None)).Ok);
        var again = NewCore();
        await Restore(again);
        Assert.Equal(LaneMode.Run, again.Mode);
    }

    [Fact]
    public async Task A_damaged_mode_file_leaves_the_lane_running()
    {
        Directory.CreateDirectory(Folder);
        await System.IO.File.WriteAllTextAsync(File().Path, """{"mode":"holiday"}""");
        var core = NewCore();

        await Restore(core);

        Assert.Equal(LaneMode.Run, core.Mode);
        Assert.Throws<InvalidDataException>(() => File().Read());
    }

    private Task Restore(LaneCore core) =>
        new LaneModeRestore(core, File(), new LaneModeStateDetails(core), _store, MsOptions.Create(new MqttOptions { ClientId = "gw-test" }),
            TimeProvider.System, NullLogger<LaneModeRestore>.Instance).StartAsync(CancellationToken.None);

    /// <summary>Records what is appended; nothing is published.</summary>
    private sealed class RecordingStore : IEventStore
    {
        public List<EventDraft> Drafts { get; } = [];

        public string Site => "s";

        public string Lane => "l";

        public long LastSeq => Drafts.Count;

        public long PendingCount => Drafts.Count;

        public long StoredBytes => 0;

        public bool IsOverBudget => false;

        public event EventHandler<EventsAppendedEventArgs>? Appended { add { } remove { } }

        public Task<StoredEvent> AppendAsync(EventDraft draft, CancellationToken cancellationToken = default)
        {
            Drafts.Add(draft);
            return Task.FromResult(new StoredEvent(Drafts.Count, "id", DateTimeOffset.UtcNow, draft.Type, draft.Schema, draft.TopicSuffix,
                draft.Retained, draft.Priority, draft.Lot, false, "{}"));
        }

        public Task<IReadOnlyList<StoredEvent>> ReadPendingAsync(int max, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task MarkDeliveredAsync(IReadOnlyCollection<long> seqs, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<IReadOnlyList<StoredEvent>> ReadAfterAsync(long afterSeq, int limit, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<int> PruneAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }
}
