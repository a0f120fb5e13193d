using Serilog;
using SmartCustoms.Edge.Api;
using SmartCustoms.Edge.Health;
using SmartCustoms.Edge.Ui.Hosting;
using SmartCustoms.Edge.Video;
using SmartCustoms.Edge.Observability;

namespace SmartCustoms.Edge.Hosting;

/// <summary>The composition root: which parts make up the gateway, in the order they start.</summary>
internal static class GatewayApplication
{
    /// <summary>Prefix of the gateway's environment variables: <c>SC__Mqtt__Host=broker</c>.</summary>
    public const string EnvironmentPrefix = "SC__";

    public static WebApplication Build(string[] configurationArgs, Action<WebApplicationBuilder>? customize = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = configurationArgs,
            // appsettings.json ships next to the binary; data paths stay relative to the working directory.
            ContentRootPath = AppContext.BaseDirectory,
        });

        // Command-line settings must win over SC__ environment variables, so add them again last.
        builder.Configuration.AddEnvironmentVariables(EnvironmentPrefix);
        builder.Configuration.AddCommandLine(configurationArgs);

        builder.Services.AddSerilog((services, logger) => logger
            .ReadFrom.Configuration(builder.Configuration)
            .ReadFrom.Services(services)
            // A port already in use is reported as one line by GatewayProgram; the host's own error with the
            // whole Kestrel stack trace would bury it.
            .Filter.ByExcluding(e => e.Level == Serilog.Events.LogEventLevel.Error && StartupError.IsPortInUse(e.Exception)));

        // Under systemd (Type=notify) this sends READY=1/STOPPING=1 and logs in journald's format; elsewhere a no-op.
        builder.Services.AddSystemd();
        builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = TimeSpan.FromSeconds(15));
        builder.Services.AddGatewayClock();
        builder.Services.AddGatewayServices(builder.Configuration);

        customize?.Invoke(builder);

        var app = builder.Build();
        app.MapHealthEndpoints();
        app.MapApiEndpoints();
        app.MapEvidenceEndpoints();
        app.MapOperatorUi();
        app.MapLaneVideo();
        app.MapGatewayMetrics();
        return app;
    }
}
