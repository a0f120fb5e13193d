using Microsoft.Extensions.Options;

namespace SmartCustoms.Edge.Lane;

internal sealed class LaneHostOptionsValidator : IValidateOptions<LaneHostOptions>
{
    public ValidateOptionsResult Validate(string? name, LaneHostOptions options) =>
        options.TickInterval >= TimeSpan.FromMilliseconds(5) && options.TickInterval <= TimeSpan.FromSeconds(1)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"{LaneHostOptions.SectionName}:TickInterval must be between 00:00:00.005 and 00:00:01, got {options.TickInterval}");
}
