namespace SmartCustoms.Simulators.Nir;

/// <summary>An entry of the SCPI error queue (IEEE 488.2 / SCPI standard codes).</summary>
public readonly record struct ScpiError(int Code, string Message)
{
    public static readonly ScpiError None = new(0, "No error");
    public static readonly ScpiError InvalidCharacter = new(-101, "Invalid character");
    public static readonly ScpiError DataTypeError = new(-104, "Data type error");
    public static readonly ScpiError ParameterNotAllowed = new(-108, "Parameter not allowed");
    public static readonly ScpiError MissingParameter = new(-109, "Missing parameter");
    public static readonly ScpiError UndefinedHeader = new(-113, "Undefined header");
    public static readonly ScpiError DataOutOfRange = new(-222, "Data out of range");
    public static readonly ScpiError QueueOverflow = new(-350, "Queue overflow");

    /// <summary>The SYST:ERR? answer: <c>-113,"Undefined header"</c>.</summary>
    public string ToAnswer() => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Code},\"{Message}\"");
}
