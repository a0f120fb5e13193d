using SmartCustoms.Edge.Core.Fusion;

namespace SmartCustoms.Edge.Core.Lots;

/// <summary>
/// A supervisor released a lot held at HOLD after the manual inspection. Kept on the lot (its verdict history
/// stays in the stored <c>lot</c> events) and published in every later lot snapshot. Immutable.
/// </summary>
/// <param name="By">The supervisor who released it.</param>
/// <param name="At">When (wall clock, for display).</param>
/// <param name="Note">The mandatory note (what the inspection found).</param>
/// <param name="HeldReasons">The reasons the lot was on HOLD when released.</param>
/// <param name="ContaminatedSegments">Contaminated segments counted at the release: a new HOLD needs new evidence beyond these.</param>
public sealed record HoldRelease(string By, DateTimeOffset At, string Note, IReadOnlyList<Finding> HeldReasons, int ContaminatedSegments);
