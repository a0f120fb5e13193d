namespace SmartCustoms.Simulators.World;

/// <summary>
/// An iron ore brand as the simulators model it: a typical mineral mix (area fractions of the
/// surface, summing to 1) and a moisture range in percent (wet basis). Mineralogy is approximate.
/// </summary>
/// <param name="Id">Stable identifier used on the command line and in datasets, e.g. <c>carajas</c>.</param>
public sealed record OreBrand(
    string Id,
    string Name,
    OreMineralFamily Family,
    double HematiteFraction,
    double GoethiteFraction,
    double MagnetiteFraction,
    double MoistureMinPct,
    double MoistureMaxPct,
    double FeGradePct)
{
    /// <summary>The family name written into datasets: hematite | hematite_goethite | goethite | magnetite.</summary>
    public string FamilyName => Family switch
    {
        OreMineralFamily.Hematite => "hematite",
        OreMineralFamily.HematiteGoethite => "hematite_goethite",
        OreMineralFamily.Goethite => "goethite",
        _ => "magnetite",
    };
}
