namespace SmartCustoms.Simulators.Camera;

/// <summary>Ground truth of one item drawn into a detector frame: its visible outline's box in frame pixels.</summary>
/// <param name="Item">The item drawn.</param>
/// <param name="X0">Left edge of the visible item, frame pixels (inclusive).</param>
/// <param name="Y0">Top edge, frame pixels (inclusive).</param>
/// <param name="X1">Right edge, frame pixels (exclusive).</param>
/// <param name="Y1">Bottom edge, frame pixels (exclusive).</param>
/// <param name="VisibleFraction">Share of the item's drawn pixels inside the frame (items at the top and bottom edges are cut).</param>
public sealed record DetectorTruthBox(World.ContaminantItem Item, int X0, int Y0, int X1, int Y1, double VisibleFraction);
