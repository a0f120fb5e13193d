using Microsoft.Extensions.Options;

namespace SmartCustoms.Edge.Core.Options;

/// <summary>Validates <c>Lane:Verdicts</c>.</summary>
public sealed class VerdictOptionsValidator : IValidateOptions<VerdictOptions>
{
    public ValidateOptionsResult Validate(string? name, VerdictOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var check = new OptionChecks(VerdictOptions.SectionName);
        check.Between(nameof(options.ContaminantProbability), options.ContaminantProbability, 0, 1);
        check.Between(nameof(options.SuspectProbability), options.SuspectProbability, 0, 1);
        if (options.SuspectProbability > options.ContaminantProbability)
        {
            check.Fail(nameof(options.SuspectProbability), "must be ≤ Lane:Verdicts:ContaminantProbability", options.SuspectProbability);
        }

        if (!(options.ClusterGapSeconds > 0 && options.ClusterGapSeconds <= 1))
        {
            check.Fail(nameof(options.ClusterGapSeconds), "must be > 0 and ≤ 1 s", options.ClusterGapSeconds);
        }

        if (!(options.CleanHitRate > 0 && options.CleanHitRate < 1))
        {
            check.Fail(nameof(options.CleanHitRate), "must be > 0 and < 1", options.CleanHitRate);
        }

        if (!(options.DispersedContaminatedProbability > 0 && options.DispersedContaminatedProbability < 1))
        {
            check.Fail(nameof(options.DispersedContaminatedProbability), "must be > 0 and < 1", options.DispersedContaminatedProbability);
        }

        if (!(options.DispersedSuspectProbability > 0 && options.DispersedSuspectProbability < 1))
        {
            check.Fail(nameof(options.DispersedSuspectProbability), "must be > 0 and < 1", options.DispersedSuspectProbability);
        }

        check.AtLeast(nameof(options.ContaminatedMinSpectra), options.ContaminatedMinSpectra, 1);
        check.AtLeast(nameof(options.SuspectMinSpectra), options.SuspectMinSpectra, 1);
        check.AtLeast(nameof(options.SuspectMinOodSpectra), options.SuspectMinOodSpectra, 1);
        check.Between(nameof(options.VisualContaminatedScore), options.VisualContaminatedScore, 0, 1);
        check.Between(nameof(options.VisualSuspectScore), options.VisualSuspectScore, 0, 1);
        check.NotNegative(nameof(options.VisualContaminatedMinSizeCm), options.VisualContaminatedMinSizeCm);
        check.NotNegative(nameof(options.VisualSuspectMinSizeCm), options.VisualSuspectMinSizeCm);
        check.NotNegative(nameof(options.VisualSuspectMinSightings), options.VisualSuspectMinSightings);
        check.AtLeast(nameof(options.LotHoldContaminatedSegments), options.LotHoldContaminatedSegments, 1);
        check.AtLeast(nameof(options.LotSuspectContaminatedSegments), options.LotSuspectContaminatedSegments, 1);
        check.AtLeast(nameof(options.LotSuspectSuspectSegments), options.LotSuspectSuspectSegments, 1);
        check.Between(nameof(options.LotSuspectSuspectShare), options.LotSuspectSuspectShare, 0, 1);
        check.AtLeast(nameof(options.BrandMinOreSpectra), options.BrandMinOreSpectra, 1);
        check.Between(nameof(options.BrandMinExpectedShare), options.BrandMinExpectedShare, 0, 1);
        if (options.BrandMismatchVerdict is not (LotVerdictLevel.Suspect or LotVerdictLevel.Hold))
        {
            check.Fail(nameof(options.BrandMismatchVerdict), "must be Suspect or Hold", options.BrandMismatchVerdict);
        }

        foreach (var (brand, families) in options.BrandFamilies)
        {
            if (string.IsNullOrWhiteSpace(families))
            {
                check.Fail($"BrandFamilies:{brand}", "must list at least one ore family", "(empty)");
            }
        }

        return check.Failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(check.Failures);
    }
}
