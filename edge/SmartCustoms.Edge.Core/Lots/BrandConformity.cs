namespace SmartCustoms.Edge.Core.Lots;

/// <summary>Brand conformity of a lot: the payload of the <c>brand</c> event.</summary>
/// <param name="LotId">The lot.</param>
/// <param name="DeclaredBrand">The declared brand.</param>
/// <param name="ExpectedFamilies">Ore families the brand is expected to show (empty for an unknown brand).</param>
/// <param name="OreSpectra">Ore spectra measured so far.</param>
/// <param name="MeasuredFamilies">Ore spectra per measured family.</param>
/// <param name="ExpectedShare">Share of ore spectra in the expected families (0-1).</param>
/// <param name="MinExpectedShare">The threshold below which it is a mismatch.</param>
/// <param name="State">Not enough data, unknown brand, conforming or mismatch.</param>
/// <param name="Message">In words.</param>
public sealed record BrandConformity(
    string LotId,
    string DeclaredBrand,
    IReadOnlyList<string> ExpectedFamilies,
    int OreSpectra,
    IReadOnlyDictionary<string, int> MeasuredFamilies,
    double ExpectedShare,
    double MinExpectedShare,
    BrandConformityState State,
    string Message);
