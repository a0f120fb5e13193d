using Microsoft.Extensions.Options;

namespace SmartCustoms.Edge.Core.Options;

/// <summary>Validates <c>Lane:Sampling</c>.</summary>
public sealed class SamplingOptionsValidator : IValidateOptions<SamplingOptions>
{
    public ValidateOptionsResult Validate(string? name, SamplingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var check = new OptionChecks(SamplingOptions.SectionName);
        if (!Enum.IsDefined(options.Scheme))
        {
            check.Fail(nameof(options.Scheme), "must be MassSystematic, TimeSystematic or StratifiedRandom", options.Scheme);
        }

        if (!Enum.IsDefined(options.StratumBasis))
        {
            check.Fail(nameof(options.StratumBasis), "must be Mass or Time", options.StratumBasis);
        }

        if (!Enum.IsDefined(options.TriggerOn))
        {
            check.Fail(nameof(options.TriggerOn), "must be Off, Suspect or Contaminated", options.TriggerOn);
        }

        check.Positive(nameof(options.WithinStratumStdDev), options.WithinStratumStdDev);
        check.Positive(nameof(options.Precision), options.Precision);
        check.AtLeast(nameof(options.MinimumIncrements), options.MinimumIncrements, 1);
        check.Positive(nameof(options.MaxFlowTonnesPerHour), options.MaxFlowTonnesPerHour);
        check.Positive(nameof(options.CutterOpeningMetres), options.CutterOpeningMetres);
        check.Positive(nameof(options.CutterSpeedMetresPerSecond), options.CutterSpeedMetresPerSecond);
        check.NotNegative(nameof(options.DecisionSeconds), options.DecisionSeconds);
        check.NotNegative(nameof(options.ActuationSeconds), options.ActuationSeconds);
        check.Positive(nameof(options.CutCycleSeconds), options.CutCycleSeconds);
        check.Positive(nameof(options.ScheduledGraceSeconds), options.ScheduledGraceSeconds);
        check.Positive(nameof(options.AckTimeoutSeconds), options.AckTimeoutSeconds);
        return check.Failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(check.Failures);
    }
}
