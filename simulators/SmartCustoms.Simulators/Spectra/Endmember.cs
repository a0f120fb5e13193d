namespace SmartCustoms.Simulators.Spectra;

/// <summary>The pure materials whose reflectances are mixed into a spot spectrum.</summary>
public enum Endmember
{
    Hematite,
    Goethite,
    Magnetite,
    Pe,
    Pp,
    Pet,
    Ps,
    Pvc,
    Nylon,
    BlackRubber,
    BlackPlastic,
    Wood,
    Cardboard,
    Paper,
    Cotton,
    Wool,
    ScrapMetal,
}
