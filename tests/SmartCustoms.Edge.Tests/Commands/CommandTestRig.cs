using SmartCustoms.Edge.Commands;
using SmartCustoms.Edge.Core;
using SmartCustoms.Edge.Core.Options;
using SmartCustoms.Edge.Storage;
using SmartCustoms.Edge.Ui.Commands;
using MsOptions = Microsoft.Extensions.Options.Options;

namespace SmartCustoms.Edge.Tests.Commands;

/// <summary>
/// What the supervisor and lane-mode command tests share: a temporary store folder (deleted on dispose), a lane
/// core with default options, an operator and a supervisor token, and the panel's supervisor key.
/// </summary>
public abstract class CommandTestRig : IDisposable
{
    protected CommandTestRig(string folderPrefix) =>
        Folder = Path.Combine(Path.GetTempPath(), folderPrefix + Guid.NewGuid().ToString("N")[..8]);

    protected string Folder { get; }

    internal PanelSupervisorKey PanelKey { get; } = new();

    public void Dispose()
    {
        if (Directory.Exists(Folder))
        {
            Directory.Delete(Folder, recursive: true);
        }

        GC.SuppressFinalize(this);
    }

    internal static LaneCore NewCore() => new(
        MsOptions.Create(new LaneGeometryOptions()), MsOptions.Create(new SegmentOptions()), MsOptions.Create(new VerdictOptions()),
        MsOptions.Create(new SamplingOptions()), TimeProvider.System);

    internal Microsoft.Extensions.Options.IOptions<StorageOptions> Storage() => MsOptions.Create(new StorageOptions { Path = Folder });

    internal SupervisorCommands Supervisor(LaneCore core)
    {
        var options = new CommandOptions();
        options.Tokens.Add("operator-token");
        options.SupervisorTokens.Add("supervisor-token");
        return new SupervisorCommands(core, new ThresholdSettingsFile(Storage()), PanelKey, MsOptions.Create(options));
    }
}
