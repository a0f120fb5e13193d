namespace SmartCustoms.Simulators.World;

/// <summary>Solid-waste materials that turn up in ore cargo (DOMAIN.md).</summary>
public enum ContaminantMaterial
{
    Pe,
    Pp,
    Pet,
    Ps,
    Pvc,
    Nylon,
    BlackRubber,
    Wood,
    Cardboard,
    Paper,
    Cotton,
    Wool,
    ScrapMetal,
}
