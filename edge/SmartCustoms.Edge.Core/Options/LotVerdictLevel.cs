namespace SmartCustoms.Edge.Core.Options;

/// <summary>The lot verdict, worst last (so levels compare with &lt; and &gt;).</summary>
public enum LotVerdictLevel
{
    /// <summary>Nothing found: release.</summary>
    Clear,

    /// <summary>Samples go to the lab before release.</summary>
    Suspect,

    /// <summary>Stop for manual inspection.</summary>
    Hold,
}
