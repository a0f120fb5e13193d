using System.Globalization;
using SmartCustoms.Edge.Core.Fusion;
using SmartCustoms.Edge.Core.Options;

namespace SmartCustoms.Edge.Core.Lots;

/// <summary>
/// Lot verdict rules (<c>Lane:Verdicts</c>): HOLD when contaminated segments ≥ LotHoldContaminatedSegments,
/// or the radiation monitor alarmed (LotHoldOnRadiationAlarm), or the brand mismatched and
/// BrandMismatchVerdict is Hold; SUSPECT when contaminated segments ≥ LotSuspectContaminatedSegments, suspect
/// segments ≥ LotSuspectSuspectSegments and ≥ LotSuspectSuspectShare of the lot's judged segments, or the brand mismatched; CLEAR otherwise. A lot a supervisor released
/// from HOLD is SUSPECT (reason <c>hold-released</c>) until new HOLD evidence comes. Thread-safe (stateless; the
/// rules object is only changed under the lane core's lock).
/// </summary>
public sealed class LotJudge(VerdictOptions rules)
{
    public LotVerdict Judge(Lot lot, BrandConformity brand)
    {
        ArgumentNullException.ThrowIfNull(lot);
        ArgumentNullException.ThrowIfNull(brand);
        var reasons = new List<Finding>();
        var level = LotVerdictLevel.Clear;

        void Reason(LotVerdictLevel at, string code, FormattableString message)
        {
            reasons.Add(new Finding(code, message.ToString(CultureInfo.InvariantCulture)));
            if (at > level)
            {
                level = at;
            }
        }

        if (lot.ContaminatedSegments >= rules.LotHoldContaminatedSegments)
        {
            Reason(LotVerdictLevel.Hold, "contaminated-segments",
                $"{lot.ContaminatedSegments} contaminated {Segments(lot.ContaminatedSegments)} (HOLD at ≥ {rules.LotHoldContaminatedSegments})");
        }
        else if (lot.ContaminatedSegments >= rules.LotSuspectContaminatedSegments)
        {
            Reason(LotVerdictLevel.Suspect, "contaminated-segments",
                $"{lot.ContaminatedSegments} contaminated {Segments(lot.ContaminatedSegments)} (SUSPECT at ≥ {rules.LotSuspectContaminatedSegments}, HOLD at ≥ {rules.LotHoldContaminatedSegments})");
        }

        var judged = lot.ClearSegments + lot.SuspectSegments + lot.ContaminatedSegments;
        var suspectBar = Math.Max(rules.LotSuspectSuspectSegments, (int)Math.Ceiling(rules.LotSuspectSuspectShare * judged - 1e-9));
        if (lot.SuspectSegments >= suspectBar)
        {
            Reason(LotVerdictLevel.Suspect, "suspect-segments",
                $"{lot.SuspectSegments} suspect {Segments(lot.SuspectSegments)} of {judged} (SUSPECT at ≥ {rules.LotSuspectSuspectSegments} and ≥ {rules.LotSuspectSuspectShare:0.##%} of the lot's segments)");
        }

        if (lot.RadiationAlarm && rules.LotHoldOnRadiationAlarm)
        {
            Reason(LotVerdictLevel.Hold, "radiation-alarm", $"the radiation monitor alarmed during the lot");
        }

        if (brand.State == BrandConformityState.Mismatch)
        {
            Reason(rules.BrandMismatchVerdict, "brand-mismatch", $"{brand.Message}");
        }

        if (level == LotVerdictLevel.Hold && lot.Releases.Count > 0 && CoveredByRelease(lot, lot.Releases[^1], reasons))
        {
            // The supervisor inspected what held the lot and released it: the same evidence no longer holds the
            // lane, but the material still goes to the lab (SUSPECT) and every reason stays listed.
            var release = lot.Releases[^1];
            level = LotVerdictLevel.Suspect;
            reasons.Add(new Finding("hold-released", string.Create(CultureInfo.InvariantCulture,
                $"HOLD released by {release.By} at {release.At.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC: {release.Note}")));
        }

        return new LotVerdict(level, reasons);
    }

    /// <summary>
    /// A release covers the HOLD while no new HOLD evidence came: every HOLD reason now was a reason at the
    /// release, and fewer than <c>LotHoldContaminatedSegments</c> further segments were contaminated since.
    /// </summary>
    private bool CoveredByRelease(Lot lot, HoldRelease release, List<Finding> reasons)
    {
        var held = release.HeldReasons.Select(r => r.Code).ToHashSet(StringComparer.Ordinal);
        var newContaminated = lot.ContaminatedSegments - release.ContaminatedSegments;
        foreach (var reason in reasons)
        {
            var holds = reason.Code switch
            {
                "contaminated-segments" => lot.ContaminatedSegments >= rules.LotHoldContaminatedSegments,
                "radiation-alarm" => true,
                "brand-mismatch" => rules.BrandMismatchVerdict == LotVerdictLevel.Hold,
                _ => false,
            };
            if (holds && !held.Contains(reason.Code))
            {
                return false;
            }
        }

        return newContaminated < rules.LotHoldContaminatedSegments;
    }

    /// <summary>Brand conformity from the lot's ore spectra so far.</summary>
    public BrandConformity Conformity(Lot lot, BrandCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(lot);
        ArgumentNullException.ThrowIfNull(catalog);
        var brand = lot.Declaration.DeclaredBrand;
        var expected = catalog.ExpectedFamilies(brand);
        var measured = new SortedDictionary<string, int>(lot.OreFamilies.ToDictionary(), StringComparer.OrdinalIgnoreCase);
        var inExpected = expected.Sum(f => lot.OreFamilies.GetValueOrDefault(f));
        var share = lot.OreSpectra > 0 ? inExpected / (double)lot.OreSpectra : 0;
        var min = rules.BrandMinExpectedShare;

        BrandConformityState state;
        FormattableString message;
        if (expected.Count == 0)
        {
            state = BrandConformityState.UnknownBrand;
            message = $"declared brand '{brand}' is not in the brand catalogue (Lane:Verdicts:BrandFamilies)";
        }
        else if (lot.OreSpectra < rules.BrandMinOreSpectra)
        {
            state = BrandConformityState.NotEnoughData;
            message = $"{lot.OreSpectra} of {rules.BrandMinOreSpectra} ore spectra needed to judge brand '{brand}'";
        }
        else if (share < min)
        {
            state = BrandConformityState.Mismatch;
            message = $"declared '{brand}' expects {string.Join('/', expected)}, but only {share:P1} of {lot.OreSpectra} ore spectra are (minimum {min:P0}); measured {Describe(measured, lot.OreSpectra)}";
        }
        else
        {
            state = BrandConformityState.Conforming;
            message = $"{share:P1} of {lot.OreSpectra} ore spectra are {string.Join('/', expected)} as '{brand}' expects";
        }

        return new BrandConformity(lot.Id, brand, expected, lot.OreSpectra, measured, share, min, state,
            message.ToString(CultureInfo.InvariantCulture));
    }

    private static string Describe(SortedDictionary<string, int> measured, int total) =>
        string.Join(", ", measured.Select(kv => string.Create(CultureInfo.InvariantCulture, $"{kv.Key} {kv.Value / (double)total:P0}")));

    private static string Segments(int count) => count == 1 ? "segment" : "segments";
}
