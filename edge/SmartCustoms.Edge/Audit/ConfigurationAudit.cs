using System.Text.Json;
using System.Text.Json.Nodes;
using SmartCustoms.Edge.Storage.Audit;

namespace SmartCustoms.Edge.Audit;

/// <summary>
/// Records at every start which settings the gateway runs with (<see cref="EffectiveConfiguration"/>) as a
/// <c>config/loaded</c> audit record, naming the sections that changed since the previous start.
/// </summary>
internal sealed partial class ConfigurationAudit(IConfiguration configuration, IAuditLog audit, ILogger<ConfigurationAudit> logger)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var effective = EffectiveConfiguration.Of(configuration);
        var previous = PreviousSections(audit.LastOf("config"));
        var changed = previous is null
            ? null
            : effective.Sections.Keys.Union(previous.Keys, StringComparer.Ordinal)
                .Where(s => effective.Sections.GetValueOrDefault(s) != previous.GetValueOrDefault(s))
                .Order(StringComparer.Ordinal)
                .ToList();
        var details = new JsonObject
        {
            ["sha256"] = effective.Sha256,
            ["keys"] = effective.Keys,
            ["sections"] = new JsonObject(effective.Sections.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)JsonValue.Create(kv.Value)))),
            ["changedSections"] = changed is null ? null : new JsonArray([.. changed.Select(c => (JsonNode?)JsonValue.Create(c))]),
        };
        await audit.AppendAsync(new AuditEntry("config", "loaded")
        {
            Actor = "gateway",
            Source = "startup",
            Outcome = "ok",
            Details = details,
        }, cancellationToken);
        LogConfiguration(logger, effective.Sha256, changed is null ? "(first start)" : string.Join(", ", changed));
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static Dictionary<string, string>? PreviousSections(AuditRecord? record)
    {
        if (record is null || JsonNode.Parse(record.Json)?["details"]?["sections"] is not JsonObject sections)
        {
            return null;
        }

        return sections
            .Where(kv => kv.Value?.GetValueKind() == JsonValueKind.String)
            .ToDictionary(kv => kv.Key, kv => kv.Value!.GetValue<string>(), StringComparer.Ordinal);
    }

    [LoggerMessage(EventId = 1720, Level = LogLevel.Information, Message = "Configuration {Sha256} audited; changed sections: {Changed}")]
    private static partial void LogConfiguration(ILogger logger, string sha256, string changed);
}
