using System.Text.Json;
using System.Text.Json.Serialization;

namespace SmartCustoms.Edge.Core.Events;

/// <summary>
/// Writes a non-finite <see cref="double"/> (NaN, ±∞) as JSON <c>null</c> instead of the string <c>"NaN"</c>,
/// which no consumer can read as a number, and counts it in <see cref="LaneEventJson.NonFiniteNumbers"/>.
/// A null in a field the schema declares as a plain number then fails schema validation loudly rather than
/// passing as a string. Reads numbers as usual and <c>null</c> as NaN. Thread-safe.
/// </summary>
internal sealed class FiniteDoubleConverter : JsonConverter<double>
{
    public override bool HandleNull => true;

    public override double Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.Null ? double.NaN : reader.GetDouble();

    public override void Write(Utf8JsonWriter writer, double value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (double.IsFinite(value))
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
