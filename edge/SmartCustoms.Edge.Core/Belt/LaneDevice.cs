namespace SmartCustoms.Edge.Core.Belt;

/// <summary>The devices that have a position along the belt.</summary>
public enum LaneDevice
{
    /// <summary>The belt scale (weightometer): where tonnage is measured.</summary>
    Scale,

    /// <summary>The camera's field of view.</summary>
    Camera,

    /// <summary>The NIR spectrometer's measuring spot.</summary>
    Nir,

    /// <summary>The pass-through radiation monitor.</summary>
    Radiation,

    /// <summary>The sampler's cross-stream cutter at the transfer point.</summary>
    Cutter,
}
