using System.Text.Json;
using System.Text.Json.Serialization;

namespace SmartCustoms.Edge.Core.Events;

/// <summary>JSON settings for event payloads: camelCase properties, camelCase enum strings, no indentation.</summary>
public static class LaneEventJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    /// <summary>The payload of <paramref name="laneEvent"/> as JSON (its runtime type decides the shape).</summary>
    public static string SerializeData(LaneEvent laneEvent)
    {
        ArgumentNullException.ThrowIfNull(laneEvent);
        return JsonSerializer.Serialize(laneEvent.Data, laneEvent.Data.GetType(), Options);
    }

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.Never,
            NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
