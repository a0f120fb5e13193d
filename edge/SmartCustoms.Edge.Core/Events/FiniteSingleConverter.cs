using System.Text.Json;
using System.Text.Json.Serialization;

namespace SmartCustoms.Edge.Core.Events;

/// <summary>The <see cref="float"/> twin of <see cref="FiniteDoubleConverter"/>. Thread-safe.</summary>
internal sealed class FiniteSingleConverter : JsonConverter<float>
{
    public override bool HandleNull => true;

    public override float Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.Null ? float.NaN : reader.GetSingle();

    public override void Write(Utf8JsonWriter writer, float value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (float.IsFinite(value))
        {
            writer.WriteNumberValue(value);
        }
        else
        {
            LaneEventJson.CountNonFinite();
            writer.WriteNullValue();
        }
    }
}
