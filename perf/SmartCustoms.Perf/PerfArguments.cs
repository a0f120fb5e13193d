using System.Globalization;

namespace SmartCustoms.Perf;

/// <summary>A small <c>--name value</c> / <c>--flag</c> parser with errors that name the option. Not thread-safe.</summary>
internal sealed class PerfArguments(IReadOnlyList<string> args)
{
    private readonly HashSet<int> _used = [];

    public bool Flag(string name)
    {
        var i = IndexOf(name);
        return i >= 0;
    }

    public string? Text(string name)
    {
        var i = IndexOf(name);
        if (i < 0)
        {
            return null;
        }

        if (i + 1 >= args.Count)
        {
            throw new ArgumentException($"{name} needs a value");
        }

        _used.Add(i + 1);
        return args[i + 1];
    }

    /// <summary>Every value of a repeatable option.</summary>
    public List<string> All(string name)
    {
        var values = new List<string>();
        for (var i = 0; i < args.Count - 1; i++)
        {
            if (args[i] == name)
            {
                _used.Add(i);
                _used.Add(i + 1);
                values.Add(args[i + 1]);
            }
        }

        return values;
    }

    public double Number(string name, double fallback, double min, double max)
    {
        var text = Text(name);
        if (text is null)
        {
            return fallback;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"{name} must be a number from {min} to {max}, got '{text}'"));
        }

        return value;
    }

    /// <summary>Fails on anything not consumed (a typo must not silently run the default).</summary>
    public void RejectUnknown(int skip)
    {
        for (var i = skip; i < args.Count; i++)
        {
            if (!_used.Contains(i))
            {
                throw new ArgumentException($"unknown option '{args[i]}' (see --help)");
            }
        }
    }

    private int IndexOf(string name)
    {
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i] == name)
            {
                _used.Add(i);
                return i;
            }
        }

        return -1;
    }
}
