using System.Globalization;

namespace SmartCustoms.Edge.Core.Options;

/// <summary>Small helpers so every validation message names the full key and the bad value.</summary>
internal sealed class OptionChecks(string section)
{
    private readonly List<string> _failures = [];

    public IReadOnlyList<string> Failures => _failures;

    public void Finite(string key, double value)
    {
        if (!double.IsFinite(value))
        {
            Fail(key, "must be a finite number", value);
        }
    }

    public void Positive(string key, double value)
    {
        if (!double.IsFinite(value) || value <= 0)
        {
            Fail(key, "must be > 0", value);
        }
    }

    public void NotNegative(string key, double value)
    {
        if (!double.IsFinite(value) || value < 0)
        {
            Fail(key, "must be ≥ 0", value);
        }
    }

    public void Between(string key, double value, double min, double max)
    {
        if (!double.IsFinite(value) || value < min || value > max)
        {
            Fail(key, string.Create(CultureInfo.InvariantCulture, $"must be {min}-{max}"), value);
        }
    }

    public void AtLeast(string key, int value, int min)
    {
        if (value < min)
        {
            Fail(key, string.Create(CultureInfo.InvariantCulture, $"must be ≥ {min}"), value);
        }
    }

    public void Fail(string key, string problem, object? value) =>
        _failures.Add(string.Create(CultureInfo.InvariantCulture, $"{section}:{key} {problem}, got {value}"));

    public void Fail(string message) => _failures.Add(message);
}
