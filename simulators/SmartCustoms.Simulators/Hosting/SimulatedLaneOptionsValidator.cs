using Microsoft.Extensions.Options;

namespace SmartCustoms.Simulators.Hosting;

/// <summary>Validates <see cref="SimulatedLaneOptions"/> at start; messages name the key (e.g. "Simulator:NirPort must be 0-65535, got 70000.").</summary>
public sealed class SimulatedLaneOptionsValidator : IValidateOptions<SimulatedLaneOptions>
{
    public ValidateOptionsResult Validate(string? name, SimulatedLaneOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Validate();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
