namespace SmartCustoms.Simulators.World;

/// <summary>The mineralogy that shapes an ore brand's NIR signature.</summary>
public enum OreMineralFamily
{
    Hematite,
    HematiteGoethite,
    Goethite,
    Magnetite,
}
