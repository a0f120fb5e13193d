using System.Globalization;
using Microsoft.Extensions.Options;

namespace SmartCustoms.Edge.Hosting;

/// <summary>Clock steps must be in the future and within a year of the real clock; messages name the key.</summary>
internal sealed class ClockStepOptionsValidator : IValidateOptions<ClockStepOptions>
{
    private static readonly TimeSpan MaxOffset = TimeSpan.FromDays(366);

    public ValidateOptionsResult Validate(string? name, ClockStepOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        for (var i = 0; i < options.Steps.Count; i++)
        {
            var step = options.Steps[i];
            var key = string.Create(CultureInfo.InvariantCulture, $"{ClockStepOptions.SectionName}:Steps:{i}");
            if (step.After < TimeSpan.Zero)
            {
                failures.Add($"{key}:After must be ≥ 0, got {step.After}");
            }

            if (step.Offset.Duration() > MaxOffset)
            {
                failures.Add($"{key}:Offset must be within ±366 days, got {step.Offset}");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
