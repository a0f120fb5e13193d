namespace SmartCustoms.Edge.Core.Mode;

/// <summary>The lane's mode and who set it when (for <c>GET /api/lane</c>, the lane state and the panel).</summary>
/// <param name="Mode">The mode now.</param>
/// <param name="Since">When it was set (wall clock, display only).</param>
/// <param name="By">Who set it (the command's sender), or null when unknown.</param>
/// <param name="Note">Why, as given with <c>set-mode</c>.</param>
public sealed record LaneModeChange(LaneMode Mode, DateTimeOffset Since, string? By, string? Note);
