using SmartCustoms.Edge.Core.Lots;

namespace SmartCustoms.Edge.Core.Mode;

/// <summary>The refusals of the mode rules, worded for the operator and the central system. Thread-safe (pure).</summary>
internal static class LaneModeSwitch
{
    public static CommandResult StartLotRefused { get; } = CommandResult.Fail(
        "the lane is in maintenance: no lot can start; switch it back to run (set-mode {\"mode\":\"run\"}) first");

    /// <summary>Whether the lane may switch to <paramref name="mode"/> with lot <paramref name="openLotId"/> open (null: none).</summary>
    public static CommandResult Check(LaneMode mode, string? openLotId) =>
        mode == LaneMode.Maintenance && openLotId is not null
            ? CommandResult.Fail($"lot {openLotId} is open: end the lot first (end-lot), then switch the lane to maintenance")
            : CommandResult.Success;
}
