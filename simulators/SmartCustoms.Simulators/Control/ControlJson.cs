using System.Text.Json;
using System.Text.Json.Serialization;

namespace SmartCustoms.Simulators.Control;

/// <summary>JSON settings of the control API: camelCase, enums as strings, nulls written (a null pass time means "never").</summary>
public static class ControlJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };
}
