using System.Text.Json.Nodes;
using SmartCustoms.Edge.IntegrationTests.Infrastructure;

namespace SmartCustoms.Edge.IntegrationTests.Deployment;

/// <summary>
/// deploy/settings/appsettings.Production.json as a test sees it: the shipped file, with only the TLS file paths
/// pointed at throw-away certificates (the validator checks that the files exist; /etc/smartcustoms-edge/tls is
/// not on a build machine). Everything else is the template's own value.
/// </summary>
public sealed class ProductionSettingsTemplate : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "sc-deploy-" + Guid.NewGuid().ToString("N")[..8]);

    public ProductionSettingsTemplate()
    {
        Directory.CreateDirectory(_folder);
        var certificates = TestCertificates.Create(Path.Combine(_folder, "tls"), "sc-edge-porta-lane03");
        Json = JsonNode.Parse(File.ReadAllText(TemplatePath))!.AsObject();
        var mqtt = Json["Mqtt"]!.AsObject();
        mqtt["CaCertificatePath"] = certificates.CaPath;
        mqtt["ClientCertificatePath"] = certificates.ClientCertPath;
        mqtt["ClientKeyPath"] = certificates.ClientKeyPath;
    }

    public static string TemplatePath => Path.Combine(RepositoryPaths.Root, "deploy", "settings", "appsettings.Production.json");

    /// <summary>The template's content; tests may break a value before <see cref="Write"/>.</summary>
    public JsonObject Json { get; }

    /// <summary>Writes the (possibly changed) settings to a new file and returns its path.</summary>
    public string Write()
    {
        var path = Path.Combine(_folder, "appsettings." + Guid.NewGuid().ToString("N")[..8] + ".json");
        File.WriteAllText(path, Json.ToJsonString());
        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
