using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using Serilog;

namespace SmartCustoms.Edge.Hosting;

/// <summary>The gateway's entry point: picks the verb, builds the host and turns start-up errors into one line.</summary>
internal static class GatewayProgram
{
    /// <summary>Exit code for bad settings or bad input files.</summary>
    public const int ConfigurationErrorExitCode = 2;

    public static async Task<int> RunAsync(string[] args)
    {
        var commandLine = GatewayCommandLine.Parse(args);
        switch (commandLine.Verb)
        {
            case GatewayCommandLine.HelpVerb:
                Console.Out.WriteLine(GatewayCommandLine.Usage);
                return 0;
            case GatewayCommandLine.ClassifyVerb:
                return await ClassifyVerb.RunAsync(commandLine.VerbArgs, Console.Out, Console.Error).ConfigureAwait(false);
            case GatewayCommandLine.VerifyAuditVerb:
                return Audit.VerifyAuditVerb.Run(commandLine.VerbArgs, Console.Out, Console.Error);
            case GatewayCommandLine.CheckSettingsVerb:
                return CheckSettingsVerb.Run(commandLine.VerbArgs, Console.Out, Console.Error);
        }

        WebApplication app;
        try
        {
            app = GatewayApplication.Build(commandLine.ConfigurationArgs.ToArray());
            // Resolve and validate every options class now, so a bad setting stops the gateway with one
            // line instead of a host start-up failure and a stack trace.
            app.Services.GetRequiredService<IStartupValidator>().Validate();
        }
        catch (Exception ex) when (StartupError.IsConfigurationError(ex))
        {
            await Console.Error.WriteLineAsync("configuration error: " + StartupError.Describe(ex)).ConfigureAwait(false);
            return ConfigurationErrorExitCode;
        }

        try
        {
            await app.StartAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (StartupError.IsPortInUse(ex))
        {
            // Exit 1, not 2: a port held by a previous instance that is still shutting down frees itself, so systemd
            // may restart (RestartPreventExitStatus=2 is for settings only a person can fix).
            await Console.Error.WriteLineAsync("error: the gateway could not start: " + StartupError.DescribePortInUse(ex)).ConfigureAwait(false);
            // The services started before Kestrel failed (store, drivers, outbox) stop as at a normal shutdown,
            // so nothing they accepted is left half-written.
            using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            await app.StopAsync(stopping.Token).ConfigureAwait(false);
            await Log.CloseAndFlushAsync().ConfigureAwait(false);
            return 1;
        }
        catch (Exception ex)
        {
            await Console.Error.WriteLineAsync("error: the gateway could not start: " + StartupError.Describe(ex)).ConfigureAwait(false);
            await Log.CloseAndFlushAsync().ConfigureAwait(false);
            return 1;
        }

        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        foreach (var address in addresses)
        {
            await Console.Out.WriteLineAsync($"SmartCustoms.Edge is running. UI and HTTP API: {address}/  (Ctrl+C to stop)").ConfigureAwait(false);
        }

        await app.WaitForShutdownAsync().ConfigureAwait(false);
        await app.DisposeAsync().ConfigureAwait(false);
        await Log.CloseAndFlushAsync().ConfigureAwait(false);
        return 0;
    }
}
