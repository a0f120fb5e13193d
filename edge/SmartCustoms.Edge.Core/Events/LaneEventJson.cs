using System.Text.Json;
using System.Text.Json.Serialization;

namespace SmartCustoms.Edge.Core.Events;

/// <summary>JSON settings for event payloads: camelCase properties, camelCase enum strings, no indentation;
/// a non-finite number is written as <c>null</c> (never the string <c>"NaN"</c>) and counted.</summary>
public static class LaneEventJson
{
    private static long _nonFiniteNumbers;

    public static JsonSerializerOptions Options { get; } = Create();

    /// <summary>Non-finite numbers (NaN, ±∞) written as <c>null</c> since start: each one is a bug upstream.</summary>
    public static long NonFiniteNumbers => Interlocked.Read(ref _nonFiniteNumbers);

    internal static void CountNonFinite() => Interlocked.Increment(ref _nonFiniteNumbers);

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
        };
        options.Converters.Add(new FiniteDoubleConverter());
        options.Converters.Add(new FiniteSingleConverter());
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
