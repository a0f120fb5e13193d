using System.Text.Json;

namespace SmartCustoms.Edge.IntegrationTests.Scenarios;

/// <summary>One contaminant item from the simulator's <c>/truth</c>, with what the scenario figures need.</summary>
public sealed record TruthItem(
    string Id,
    string Material,
    string Class,
    string Colour,
    double SizeM,
    double WidthM,
    double AcrossOffsetM,
    double BeltCoordinateM,
    bool Exposed,
    bool InNirFootprint,
    double? AtNirS,
    int? InterceptedByIncrement)
{
    /// <summary>Width of the simulated NIR spot across the belt (a 2 cm × 30 cm strip on the centre line; simulator default).</summary>
    public const double NirStripAcrossM = 0.30;

    /// <summary>Black rubber and carbon-black plastics: no NIR signal, the camera's job (DOMAIN.md).</summary>
    public bool CarbonBlack => Material == "black_rubber" || (Colour == "black" && Class == "plastic");

    /// <summary>The NIR can see it: exposed, crossing the spot's strip, not carbon black.</summary>
    public bool NirVisible => InNirFootprint && !CarbonBlack;

    /// <summary>Share of the NIR strip's width the item covers (the spot sees this share of item when fully under it).</summary>
    public double NirStripShare
    {
        get
        {
            var from = Math.Max(AcrossOffsetM - (WidthM / 2), -NirStripAcrossM / 2);
            var to = Math.Min(AcrossOffsetM + (WidthM / 2), NirStripAcrossM / 2);
            return Math.Max(0, to - from) / NirStripAcrossM;
        }
    }

    public static IReadOnlyList<TruthItem> From(JsonElement truth) =>
        [.. truth.GetProperty("items").EnumerateArray().Select(i => new TruthItem(
            i.GetProperty("id").GetString()!,
            i.GetProperty("material").GetString()!,
            i.GetProperty("class").GetString()!,
            i.GetProperty("colour").GetString()!,
            i.GetProperty("sizeM").GetDouble(),
            i.GetProperty("widthM").GetDouble(),
            i.GetProperty("acrossOffsetM").GetDouble(),
            i.GetProperty("beltCoordinateM").GetDouble(),
            i.GetProperty("exposed").GetBoolean(),
            i.GetProperty("inNirFootprint").GetBoolean(),
            i.GetProperty("nir").GetProperty("laneS").ValueKind == JsonValueKind.Number ? i.GetProperty("nir").GetProperty("laneS").GetDouble() : null,
            i.GetProperty("interceptedByIncrement").ValueKind == JsonValueKind.Number ? i.GetProperty("interceptedByIncrement").GetInt32() : null))];
}
