namespace SmartCustoms.Edge.Core.Fusion;

/// <summary>How a <see cref="RadiationFiling"/> goes into a segment's evidence.</summary>
internal enum RadiationFilingKind
{
    /// <summary>A monitor reading: counted, its dose (and level, if it kept one) on the segment.</summary>
    Reading,

    /// <summary>The level of a reading already counted (spread material): level and dose only.</summary>
    Level,

    /// <summary>A located point source: level and peak dose on every segment within the tolerance of its position.</summary>
    Source,
}
