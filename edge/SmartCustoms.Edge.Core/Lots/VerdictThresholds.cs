using System.Globalization;
using System.Reflection;
using SmartCustoms.Edge.Core.Options;

namespace SmartCustoms.Edge.Core.Lots;

/// <summary>
/// The verdict thresholds a supervisor may change while the lane runs (<c>set-threshold</c>): the segment rules'
/// probabilities, cluster sizes and visual scores/sizes, and the lot rules' segment counts. A change is checked
/// with the same <see cref="VerdictOptionsValidator"/> rules as at start-up (on a copy, so a refused change
/// leaves nothing behind) and then written into the live <see cref="VerdictOptions"/> that the judges read.
/// Not thread-safe: the lane core calls it under its lock.
/// </summary>
public static class VerdictThresholds
{
    /// <summary>Names that may be changed at run time (keys of <c>Lane:Verdicts</c>).</summary>
    public static readonly IReadOnlyList<string> Names =
    [
        nameof(VerdictOptions.SuspectProbability),
        nameof(VerdictOptions.ContaminantProbability),
        nameof(VerdictOptions.SuspectMinSpectra),
        nameof(VerdictOptions.ContaminatedMinSpectra),
        nameof(VerdictOptions.SuspectMinOodSpectra),
        nameof(VerdictOptions.VisualSuspectScore),
        nameof(VerdictOptions.VisualSuspectMinSizeCm),
        nameof(VerdictOptions.VisualContaminatedScore),
        nameof(VerdictOptions.VisualContaminatedMinSizeCm),
        nameof(VerdictOptions.LotSuspectSuspectSegments),
        nameof(VerdictOptions.LotSuspectSuspectShare),
        nameof(VerdictOptions.LotSuspectContaminatedSegments),
        nameof(VerdictOptions.LotHoldContaminatedSegments),
    ];

    /// <summary>The current values of <see cref="Names"/>, in that order.</summary>
    public static IReadOnlyDictionary<string, double> Read(VerdictOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var name in Names)
        {
            values[name] = Convert.ToDouble(Property(name).GetValue(options), CultureInfo.InvariantCulture);
        }

        return values;
    }

    /// <summary>The canonical name for <paramref name="name"/> (with or without the <c>Lane:Verdicts:</c> prefix, any case); null if not adjustable.</summary>
    public static string? Canonical(string? name)
    {
        var key = (name ?? string.Empty).Trim();
        const string prefix = VerdictOptions.SectionName + ":";
        if (key.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
        {
            key = key[prefix.Length..];
        }

        return Names.FirstOrDefault(n => string.Equals(n, key, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// Sets <paramref name="name"/> to <paramref name="value"/> on <paramref name="live"/> if the result passes
    /// start-up validation. Returns the canonical name, or a refusal naming the key and the rule.
    /// </summary>
    public static CommandResult TryApply(VerdictOptions live, string? name, double value, out string? canonical)
    {
        ArgumentNullException.ThrowIfNull(live);
        canonical = Canonical(name);
        if (canonical is null)
        {
            return CommandResult.Fail($"set-threshold: '{name}' cannot be changed at run time; these can: {string.Join(", ", Names)}");
        }

        var key = $"{VerdictOptions.SectionName}:{canonical}";
        var property = Property(canonical);
        object converted;
        if (property.PropertyType == typeof(int))
        {
            if (!double.IsFinite(value) || value != Math.Floor(value) || value < int.MinValue || value > int.MaxValue)
            {
                return CommandResult.Fail(string.Create(CultureInfo.InvariantCulture, $"set-threshold: {key} must be a whole number, got {value}"));
            }

            converted = (int)value;
        }
        else
        {
            converted = value;
        }

        var candidate = Copy(live);
        property.SetValue(candidate, converted);
        var result = new VerdictOptionsValidator().Validate(null, candidate);
        if (result.Failed)
        {
            return CommandResult.Fail("set-threshold: " + string.Join("; ", result.Failures ?? [result.FailureMessage]));
        }

        property.SetValue(live, converted);
        return CommandResult.Success;
    }

    private static PropertyInfo Property(string name) =>
        typeof(VerdictOptions).GetProperty(name, BindingFlags.Public | BindingFlags.Instance)
        ?? throw new InvalidOperationException($"VerdictOptions has no property {name}");

    private static VerdictOptions Copy(VerdictOptions source)
    {
        var copy = new VerdictOptions();
        foreach (var property in typeof(VerdictOptions).GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.CanWrite)
            {
                property.SetValue(copy, property.GetValue(source));
            }
        }

        return copy;
    }
}
