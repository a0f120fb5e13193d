using System.Globalization;

namespace SmartCustoms.Edge.IntegrationTests.Infrastructure;

/// <summary>Knobs that let a developer shorten long tests locally; CI leaves them unset and runs the real values.</summary>
public static class TestSettings
{
    public static int WholeNumber(string variable, int defaultValue, int minimum)
    {
        var text = Environment.GetEnvironmentVariable(variable);
        if (string.IsNullOrWhiteSpace(text))
        {
            return defaultValue;
        }

        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < minimum)
        {
            throw new InvalidOperationException($"{variable} must be a whole number ≥ {minimum}, got '{text}'");
        }

        return value;
    }
}
