namespace SmartCustoms.Edge.Commands;

/// <summary>A command's payload lacks a field or has one of the wrong kind; the message says which.</summary>
internal sealed class CommandPayloadException : Exception
{
    public CommandPayloadException()
    {
    }

    public CommandPayloadException(string message)
        : base(message)
    {
    }

    public CommandPayloadException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
