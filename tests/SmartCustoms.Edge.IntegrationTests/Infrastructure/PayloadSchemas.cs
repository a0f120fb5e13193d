using System.Text;
using System.Text.Json.Nodes;
using Json.Schema;

namespace SmartCustoms.Edge.IntegrationTests.Infrastructure;

/// <summary>
/// The payload JSON Schemas shipped in edge/SmartCustoms.Edge.Messaging/Schemas (copied to the test output by the
/// Messaging project), loaded once with their cross-references registered. Thread-safe after construction.
/// </summary>
public sealed class PayloadSchemas
{
    public const string CommandReply = "command-reply/1";

    private static readonly Lazy<PayloadSchemas> Shared = new(() => Load(Path.Combine(AppContext.BaseDirectory, "Schemas")));

    private readonly Dictionary<string, JsonSchema> _byName;
    private readonly EvaluationOptions _options;

    private PayloadSchemas(Dictionary<string, JsonSchema> byName, EvaluationOptions options)
    {
        _byName = byName;
        _options = options;
    }

    public static PayloadSchemas Instance => Shared.Value;

    /// <summary>Names as they appear in the envelope's <c>schema</c> (e.g. <c>sc.event.detection/1</c>), plus envelope/1 and command-reply/1.</summary>
    public IReadOnlyCollection<string> Names => _byName.Keys;

    public static PayloadSchemas Load(string folder)
    {
        var files = Directory.GetFiles(folder, "*.schema.json");
        if (files.Length == 0)
        {
            throw new InvalidOperationException($"no *.schema.json in {folder}: the Messaging project copies them to the output");
        }

        var options = new EvaluationOptions { OutputFormat = OutputFormat.List };
        var byName = new Dictionary<string, JsonSchema>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var text = File.ReadAllText(file);
            var schema = JsonSchema.FromText(text);
            var id = JsonNode.Parse(text)?["$id"]?.GetValue<string>()
                     ?? throw new InvalidOperationException(file + " has no $id");
            options.SchemaRegistry.Register(new Uri(id), schema);

            // "sc.event.detection-1.schema.json" is the schema "sc.event.detection/1".
            var stem = Path.GetFileName(file)[..^".schema.json".Length];
            var dash = stem.LastIndexOf('-');
            byName[stem[..dash] + "/" + stem[(dash + 1)..]] = schema;
        }

        return new PayloadSchemas(byName, options);
    }

    /// <summary>Validates <paramref name="json"/> against the named schema; returns the errors (empty when valid).</summary>
    public IReadOnlyList<string> Validate(string schemaName, string json)
    {
        if (!_byName.TryGetValue(schemaName, out var schema))
        {
            return [$"no JSON Schema for '{schemaName}' (known: {string.Join(", ", _byName.Keys.Order(StringComparer.Ordinal))})"];
        }

        JsonNode? node;
        try
        {
            node = JsonNode.Parse(json);
        }
        catch (System.Text.Json.JsonException ex)
        {
            return ["not JSON: " + ex.Message];
        }

        var result = schema.Evaluate(node, _options);
        if (result.IsValid)
        {
            return [];
        }

        var errors = new List<string>();
        foreach (var detail in (IEnumerable<EvaluationResults>)[result, .. result.Details])
        {
            if (detail.Errors is null)
            {
                continue;
            }

            foreach (var (keyword, message) in detail.Errors)
            {
                errors.Add($"{detail.InstanceLocation} ({detail.EvaluationPath}/{keyword}): {message}");
            }
        }

        return errors.Count > 0 ? errors : ["invalid (no error details)"];
    }

    /// <summary>Validates and fails the test with the schema errors and the payload.</summary>
    public void AssertValid(string schemaName, string json, string where)
    {
        var errors = Validate(schemaName, json);
        if (errors.Count > 0)
        {
            var message = new StringBuilder()
                .Append(where).Append(" does not match ").Append(schemaName).AppendLine(":")
                .AppendJoin('\n', errors.Select(e => "  " + e)).AppendLine()
                .Append("payload: ").Append(json);
            Assert.Fail(message.ToString());
        }
    }
}
