namespace SmartCustoms.Drivers.Abstractions.Sampler;

/// <summary>The result of one sampler command.</summary>
/// <param name="Command">The command given.</param>
/// <param name="Outcome">Accepted, refused or timed out.</param>
/// <param name="Sequence">The command sequence written to the PLC; 0 when the command was refused before sending.</param>
/// <param name="Reason">Why it was refused or timed out, in words an operator understands; empty when accepted.</param>
/// <param name="Elapsed">Time from the first write to the acknowledge (or to giving up), monotonic.</param>
public sealed record SamplerCommandResult(
    SamplerCommand Command,
    SamplerCommandOutcome Outcome,
    ushort Sequence,
    string Reason,
    TimeSpan Elapsed)
{
    public bool IsAccepted => Outcome == SamplerCommandOutcome.Accepted;

    public static SamplerCommandResult Accepted(SamplerCommand command, ushort sequence, TimeSpan elapsed) =>
        new(command, SamplerCommandOutcome.Accepted, sequence, string.Empty, elapsed);

    public static SamplerCommandResult Refused(SamplerCommand command, string reason) =>
        new(command, SamplerCommandOutcome.Refused, 0, reason, TimeSpan.Zero);

    public static SamplerCommandResult TimedOut(SamplerCommand command, ushort sequence, string reason, TimeSpan elapsed) =>
        new(command, SamplerCommandOutcome.Timeout, sequence, reason, elapsed);
}
