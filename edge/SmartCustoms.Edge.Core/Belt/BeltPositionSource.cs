namespace SmartCustoms.Edge.Core.Belt;

/// <summary>What is driving the belt position right now.</summary>
public enum BeltPositionSource
{
    /// <summary>No sample yet, or every source is stale.</summary>
    None,

    /// <summary>Integrating belt-scale speed samples.</summary>
    ScaleSpeed,

    /// <summary>Counting encoder pulses (preferred while fresh).</summary>
    Encoder,
}
