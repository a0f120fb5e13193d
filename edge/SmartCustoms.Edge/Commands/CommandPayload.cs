using System.Globalization;
using System.Text.Json;

namespace SmartCustoms.Edge.Commands;

/// <summary>Reads a command's JSON fields, failing with a message that names the field and what is wrong.</summary>
internal sealed class CommandPayload(string command, JsonElement payload)
{
    public string RequiredString(string field)
    {
        var value = OptionalString(field);
        return string.IsNullOrWhiteSpace(value)
            ? throw new CommandPayloadException($"{command}: field '{field}' is required (a non-empty string)")
            : value;
    }

    public string? OptionalString(string field)
    {
        if (payload.ValueKind != JsonValueKind.Object || !payload.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            _ => throw new CommandPayloadException($"{command}: field '{field}' must be a string, got {value.ValueKind.ToString().ToLowerInvariant()}"),
        };
    }

    public double RequiredNumber(string field)
    {
        if (payload.ValueKind != JsonValueKind.Object || !payload.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            throw new CommandPayloadException($"{command}: field '{field}' is required (a number)");
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number) && double.IsFinite(number))
        {
            return number;
        }

        if (value.ValueKind == JsonValueKind.String &&
            double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) && double.IsFinite(parsed))
        {
            return parsed;
        }

        throw new CommandPayloadException($"{command}: field '{field}' must be a number, got {value.GetRawText()}");
    }
}
