namespace SmartCustoms.Edge.Core.Options;

/// <summary>ISO 3082 sampling schemes.</summary>
public enum SamplingScheme
{
    /// <summary>Fixed tonnes between increments.</summary>
    MassSystematic,

    /// <summary>Fixed seconds (of running belt) between increments.</summary>
    TimeSystematic,

    /// <summary>One increment at a random point inside each stratum (mass or time, see StratumBasis).</summary>
    StratifiedRandom,
}
