namespace SmartCustoms.Simulators.World;

/// <summary>The class a classifier is asked to name (dataset <c>label</c>).</summary>
public enum ContaminantClass
{
    Plastic,
    Rubber,
    Cellulose,
    OtherOrganic,
    Metal,
}
