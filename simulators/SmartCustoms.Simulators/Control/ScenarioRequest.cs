namespace SmartCustoms.Simulators.Control;

/// <summary>Body of <c>POST /scenario</c>: <c>{"name":"contaminated"}</c>, optionally with a new <c>seed</c>.</summary>
public sealed record ScenarioRequest(string? Name, int? Seed);
