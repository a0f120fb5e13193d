namespace SmartCustoms.Simulators.Nir;

/// <summary>One parsed command line: which header, whether it is a query, and its argument text (may be empty).</summary>
public readonly record struct ScpiCommand(ScpiHeader Header, bool IsQuery, string Argument);
