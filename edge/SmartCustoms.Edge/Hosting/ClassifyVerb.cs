using SmartCustoms.Models;
using SmartCustoms.Models.Commands;

namespace SmartCustoms.Edge.Hosting;

/// <summary>
/// <c>SmartCustoms.Edge classify --spectrum FILE [--json] [--Models:SpectralModelPath=…]</c>: offline
/// classification of a spectrum file (CSV, see docs/contract.md) with the gateway's own model and settings.
/// </summary>
internal static class ClassifyVerb
{
    public const string Usage = "usage: SmartCustoms.Edge classify --spectrum FILE [--json] [--Models:SpectralModelPath=PATH]";

    public static Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(error);
        string? spectrum = null;
        var json = false;
        var settings = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--spectrum" when i + 1 < args.Count:
                    spectrum = args[++i];
                    break;
                case "--json":
                    json = true;
                    break;
                case var setting when setting.StartsWith("--", StringComparison.Ordinal) && setting.Contains(':', StringComparison.Ordinal):
                    settings.Add(setting);
                    break;
                default:
                    error.WriteLine($"error: unexpected argument '{args[i]}'. {Usage}");
                    return Task.FromResult(SpectrumClassificationCommand.BadInput);
            }
        }

        if (spectrum is null)
        {
            error.WriteLine("error: --spectrum FILE is required. " + Usage);
            return Task.FromResult(SpectrumClassificationCommand.BadInput);
        }

        var configuration = new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables(GatewayApplication.EnvironmentPrefix)
            .AddCommandLine(settings.ToArray())
            .Build();
        var options = new ModelOptions();
        try
        {
            configuration.GetSection(ModelOptions.SectionName).Bind(options);
        }
        catch (InvalidOperationException ex)
        {
            error.WriteLine("configuration error: " + StartupError.Describe(ex));
            return Task.FromResult(GatewayProgram.ConfigurationErrorExitCode);
        }

        return Task.FromResult(SpectrumClassificationCommand.Run(options, spectrum, json, output ?? TextWriter.Null, error));
    }
}
