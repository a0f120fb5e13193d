using System.Globalization;

namespace SmartCustoms.Edge.Benchmarks;

/// <summary>Command line: <c>[--seconds 20] [--appenders 64] [--paced-rate 200] [--outage 30] [--outage-rate 500] [--payload-bytes 400]</c>.</summary>
internal sealed record BenchOptions(int Seconds, int Appenders, int PacedRate, int OutageSeconds, int OutageRate, int PayloadBytes)
{
    public static BenchOptions Parse(IReadOnlyList<string> args)
    {
        var values = new Dictionary<string, int>(StringComparer.Ordinal)
        {
            ["--seconds"] = 20,
            ["--appenders"] = 64,
            ["--paced-rate"] = 200,
            ["--outage"] = 30,
            ["--outage-rate"] = 500,
            ["--payload-bytes"] = 400,
        };
        for (var i = 0; i < args.Count; i++)
        {
            if (!values.ContainsKey(args[i]) || i + 1 >= args.Count ||
                !int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < 1)
            {
                throw new ArgumentException($"unknown option or bad value at '{args[i]}'; options: {string.Join(", ", values.Keys)} each with a positive whole number");
            }

            values[args[i]] = value;
            i++;
        }

        return new BenchOptions(values["--seconds"], values["--appenders"], values["--paced-rate"], values["--outage"],
            values["--outage-rate"], values["--payload-bytes"]);
    }
}
