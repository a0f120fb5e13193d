namespace SmartCustoms.Edge.Hosting;

/// <summary>
/// The gateway's own command-line words. Everything else on the command line is .NET configuration
/// (<c>--Mqtt:Host=broker</c>); the friendly flags below are rewritten into configuration keys so that
/// there is one source of truth for settings.
/// </summary>
internal sealed record GatewayCommandLine(string Verb, IReadOnlyList<string> ConfigurationArgs, IReadOnlyList<string> VerbArgs)
{
    public const string RunVerb = "run";
    public const string ClassifyVerb = "classify";
    public const string HelpVerb = "help";
    public const string VerifyAuditVerb = "verify-audit";
    public const string CheckSettingsVerb = "check-settings";

    public static GatewayCommandLine Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Count > 0 && args[0] == ClassifyVerb)
        {
            return new GatewayCommandLine(ClassifyVerb, [], args.Skip(1).ToArray());
        }

        if (args.Count > 0 && args[0] == CheckSettingsVerb)
        {
            return new GatewayCommandLine(CheckSettingsVerb, [], args.Skip(1).ToArray());
        }

        if (args.Count > 0 && args[0] == VerifyAuditVerb)
        {
            return new GatewayCommandLine(VerifyAuditVerb, [], args.Skip(1).ToArray());
        }

        if (args.Count > 0 && args[0] is "--help" or "-h" or "help")
        {
            return new GatewayCommandLine(HelpVerb, [], []);
        }

        var configuration = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            switch (arg)
            {
                case "--simulate":
                    configuration.Add("--Simulator:Enabled=true");
                    break;
                case "--scenario" when i + 1 < args.Count:
                    configuration.Add("--Simulator:Scenario=" + args[++i]);
                    break;
                case "--seed" when i + 1 < args.Count:
                    configuration.Add("--Simulator:Seed=" + args[++i]);
                    break;
                default:
                    configuration.Add(arg);
                    break;
            }
        }

        return new GatewayCommandLine(RunVerb, configuration, []);
    }

    public const string Usage = """
        SmartCustoms.Edge — lane gateway for solid-waste inspection of iron ore.

        Usage:
          SmartCustoms.Edge [--simulate [--scenario NAME] [--seed N]] [--Section:Key=value ...]
          SmartCustoms.Edge classify --spectrum FILE [--json]
          SmartCustoms.Edge verify-audit [--data PATH]   check the audit chain (exit 0 intact, 2 broken)
          SmartCustoms.Edge check-settings --file PATH   (validate a settings file without starting; exit 0 ok, 2 bad)

        Options:
          --simulate           start the built-in lane simulator and talk to it over the real protocols
          --scenario NAME      clean | contaminated | radioactive | mismatch | faults (default: contaminated)
          --seed N             simulator seed (default 1)
          --Section:Key=value  any setting, e.g. --Mqtt:Host=broker.example --Urls=http://0.0.0.0:5080

        Settings come from appsettings.json, environment variables (SC__Mqtt__Host) and the command line.
        """;
}
