using System.Globalization;

namespace SmartCustoms.Edge.IntegrationTests.Deployment;

/// <summary>
/// Parses the Prometheus text format (version 0.0.4) the gateway's <c>/metrics</c> serves, strictly enough that
/// a malformed line fails the test instead of being skipped.
/// </summary>
public static class PrometheusText
{
    public static IReadOnlyList<PrometheusSample> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var samples = new List<PrometheusSample>();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            samples.Add(ParseLine(line));
        }

        return samples;
    }

    private static PrometheusSample ParseLine(string line)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        var brace = line.IndexOf('{', StringComparison.Ordinal);
        string name;
        string rest;
        if (brace >= 0)
        {
            name = line[..brace];
            var close = line.LastIndexOf('}');
            if (close < brace)
            {
                throw new FormatException("unclosed label set: " + line);
            }

            ParseLabels(line[(brace + 1)..close], labels, line);
            rest = line[(close + 1)..].Trim();
        }
        else
        {
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            if (space < 0)
            {
                throw new FormatException("no value: " + line);
            }

            name = line[..space];
            rest = line[(space + 1)..].Trim();
        }

        // "value [timestamp]"
        var valueText = rest.Split(' ')[0];
        var value = valueText switch
        {
            "+Inf" => double.PositiveInfinity,
            "-Inf" => double.NegativeInfinity,
            "NaN" => double.NaN,
            _ => double.Parse(valueText, NumberStyles.Float, CultureInfo.InvariantCulture),
        };
        return new PrometheusSample(name, labels, value);
    }

    private static void ParseLabels(string text, Dictionary<string, string> labels, string line)
    {
        var i = 0;
        while (i < text.Length)
        {
            var eq = text.IndexOf('=', i);
            if (eq < 0 || eq + 1 >= text.Length || text[eq + 1] != '"')
            {
                throw new FormatException("bad label in: " + line);
            }

            var key = text[i..eq].Trim().TrimStart(',').Trim();
            var value = new System.Text.StringBuilder();
            var j = eq + 2;
            for (; j < text.Length && text[j] != '"'; j++)
            {
                if (text[j] == '\\' && j + 1 < text.Length)
                {
                    j++;
                    value.Append(text[j] == 'n' ? '\n' : text[j]);
                }
                else
                {
                    value.Append(text[j]);
                }
            }

            if (j >= text.Length)
            {
                throw new FormatException("unterminated label value in: " + line);
            }

            labels[key] = value.ToString();
            i = j + 1;
            if (i < text.Length && text[i] == ',')
            {
                i++;
            }
        }
    }
}
