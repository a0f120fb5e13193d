namespace SmartCustoms.Edge.Core.Lots;

/// <summary>How the measured ore matches the declared brand.</summary>
public enum BrandConformityState
{
    /// <summary>Fewer ore spectra than Lane:Verdicts:BrandMinOreSpectra so far.</summary>
    NotEnoughData,

    /// <summary>The declared brand is not in the catalogue: conformity cannot be judged (not a finding).</summary>
    UnknownBrand,

    Conforming,

    /// <summary>The share of the brand's expected ore families is below the threshold: a finding.</summary>
    Mismatch,
}
