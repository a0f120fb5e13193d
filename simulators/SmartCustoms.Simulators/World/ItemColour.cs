namespace SmartCustoms.Simulators.World;

/// <summary>
/// Visible colour of an item. In the NIR most pigments are transparent; grey and brown lower the
/// level a little; black plastics and rubber are carbon-black filled and almost NIR-invisible.
/// </summary>
public enum ItemColour
{
    White,
    Natural,
    Red,
    Blue,
    Green,
    Yellow,
    Grey,
    Brown,
    Black,
}
