namespace SmartCustoms.Edge.Core.Lots;

/// <summary>The answer to a command: ok, or a clear error for the operator / central system.</summary>
public sealed record CommandResult(bool Ok, string? Error)
{
    public static CommandResult Success { get; } = new(true, null);

    public static CommandResult Fail(string error) => new(false, error);
}
