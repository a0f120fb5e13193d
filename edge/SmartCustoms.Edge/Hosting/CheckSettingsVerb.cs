using System.Text.Json;
using Microsoft.Extensions.Options;
using SmartCustoms.Simulators.Hosting;

namespace SmartCustoms.Edge.Hosting;

/// <summary>
/// <c>SmartCustoms.Edge check-settings --file PATH [--Section:Key=value …]</c>: loads a settings file on top of
/// the gateway's own settings, exactly as the installed service does (appsettings.Production.json next to the
/// binary), builds the gateway and runs the same options validation as a start, without starting anything:
/// no device is connected, no port is opened, the store is not opened. Prints "OK: PATH" (exit 0) or one line
/// per bad setting, naming the key and the reason (exit 2).
/// </summary>
internal static class CheckSettingsVerb
{
    public const string Usage = "usage: SmartCustoms.Edge check-settings --file PATH [--Section:Key=value ...]";

    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        string? file = null;
        var settings = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--file" when i + 1 < args.Count:
                    file = args[++i];
                    break;
                case var setting when setting.StartsWith("--", StringComparison.Ordinal) && setting.Contains(':', StringComparison.Ordinal):
                    settings.Add(setting);
                    break;
                default:
                    error.WriteLine($"error: unexpected argument '{args[i]}'. {Usage}");
                    return GatewayProgram.ConfigurationErrorExitCode;
            }
        }

        if (file is null)
        {
            error.WriteLine("error: --file PATH is required. " + Usage);
            return GatewayProgram.ConfigurationErrorExitCode;
        }

        var path = Path.GetFullPath(file);
        // Distinct: a section whose options read another section's (Storage takes site and lane from Mqtt)
        // repeats that section's failures; a section behind a failing one is checked once that one is fixed.
        var problems = Check(path, settings).Distinct(StringComparer.Ordinal).ToList();
        if (problems.Count == 0)
        {
            output.WriteLine("OK: " + path);
            return 0;
        }

        output.WriteLine($"{path}: {problems.Count} bad setting{(problems.Count == 1 ? "" : "s")}");
        foreach (var problem in problems)
        {
            output.WriteLine("  " + problem);
        }

        return GatewayProgram.ConfigurationErrorExitCode;
    }

    /// <summary>Every problem found, one line each; empty when the file is good.</summary>
    internal static IReadOnlyList<string> Check(string path, IReadOnlyList<string> settings)
    {
        if (!File.Exists(path))
        {
            return [$"{path}: file not found"];
        }

        // The JSON provider's own error ("Could not parse the JSON file") hides where; this names line and column.
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path), new JsonDocumentOptions
            {
                CommentHandling = JsonCommentHandling.Skip,
                AllowTrailingCommas = true,
            });
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return [$"{path}: the settings must be a JSON object ({{ \"Section\": {{ \"Key\": value }} }}), got {document.RootElement.ValueKind}"];
            }
        }
        catch (JsonException ex)
        {
            return [$"{path}: not valid JSON at line {ex.LineNumber + 1}, column {ex.BytePositionInLine + 1}: {ex.Message.Split(" LineNumber:")[0].Split(" Path:")[0].Trim()}"];
        }

        WebApplication app;
        IServiceCollection? services = null;
        try
        {
            app = GatewayApplication.Build([.. settings], builder =>
            {
                builder.Configuration.AddJsonFile(path, optional: false, reloadOnChange: false).AddCommandLine([.. settings]);
                services = builder.Services;
            });
        }
        catch (Exception ex) when (StartupError.IsConfigurationError(ex) || ex is InvalidDataException or FormatException)
        {
            return [.. Failures(ex), .. UnknownKeys(path, settings, services)];
        }

        using (app as IDisposable)
        {
            try
            {
                app.Services.GetRequiredService<IStartupValidator>().Validate();
                return UnknownKeys(path, settings, services);
            }
            catch (Exception ex) when (StartupError.IsConfigurationError(ex))
            {
                return [.. Failures(ex), .. UnknownKeys(path, settings, services)];
            }
            catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or FormatException or InvalidDataException)
            {
                // e.g. a Serilog section that names a sink or formatter that does not exist.
                return ["settings could not be loaded: " + StartupError.Describe(ex)];
            }
        }
    }

    // Keys of the file (and of --Section:Key=value) that no options class reads: a typo would leave a default in force.
    private static IReadOnlyList<string> UnknownKeys(string path, IReadOnlyList<string> settings, IServiceCollection? services)
    {
        if (services is null)
        {
            return [];
        }

        var sections = new Dictionary<string, Type>(UnknownSettings.SectionsOf(services), StringComparer.OrdinalIgnoreCase);
        // The simulator's section is registered only with --simulate, but a settings file may carry it switched off.
        sections.TryAdd(SimulatedLaneOptions.SectionName, typeof(SimulatedLaneOptions));
        var file = new ConfigurationBuilder().AddJsonFile(path, optional: false, reloadOnChange: false).AddCommandLine([.. settings]).Build();
        return UnknownSettings.Find(file, sections);
    }

    // One line per failure: a validator reports each bad key of its section, and the start-up validator
    // collects the sections that failed.
    private static List<string> Failures(Exception exception) => exception switch
    {
        OptionsValidationException ove => ove.Failures.Select(f => f.ReplaceLineEndings(" ").Trim()).ToList(),
        AggregateException ae => ae.InnerExceptions.SelectMany(Failures).ToList(),
        _ when exception.InnerException is not null && StartupError.IsConfigurationError(exception.InnerException) => Failures(exception.InnerException),
        _ => [StartupError.Describe(exception)],
    };
}
