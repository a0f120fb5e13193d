namespace SmartCustoms.Edge.Core.Fusion;

/// <summary>One reason behind a verdict: a stable code for machines and a sentence for people.</summary>
/// <param name="Code">Stable kebab-case code, e.g. <c>contaminant-spectra</c>.</param>
/// <param name="Message">What was found against which threshold.</param>
public sealed record Finding(string Code, string Message);
