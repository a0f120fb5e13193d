using Microsoft.Extensions.Logging;
using SmartCustoms.Edge.Core.Fusion;
using SmartCustoms.Edge.Core.Options;
using SmartCustoms.Edge.Core.Sampling;

namespace SmartCustoms.Edge.Core;

/// <summary>Source-generated log messages of the lane core (event ids 6000-6099).</summary>
internal static partial class LaneCoreLog
{
    [LoggerMessage(EventId = 6001, Level = LogLevel.Information, Message = "Lot {LotId} started: {Brand}, {MassTonnes} t, plan {Scheme} n1={Increments}")]
    public static partial void LotStarted(ILogger logger, string lotId, string brand, double massTonnes, SamplingScheme scheme, int increments);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Information, Message = "Lot {LotId} ended: {Tonnes:0.0} t, verdict {Verdict}")]
    public static partial void LotEnded(ILogger logger, string lotId, double tonnes, LotVerdictLevel verdict);

    [LoggerMessage(EventId = 6003, Level = LogLevel.Warning, Message = "Segment {Segment} of lot {LotId} is {Verdict}")]
    public static partial void SegmentFlagged(ILogger logger, long segment, string? lotId, SegmentVerdict verdict);

    [LoggerMessage(EventId = 6004, Level = LogLevel.Warning, Message = "Increment {Id} ({Reason}) {State}: {Note}")]
    public static partial void IncrementProblem(ILogger logger, uint id, IncrementReason reason, IncrementState state, string note);

    [LoggerMessage(EventId = 6005, Level = LogLevel.Warning, Message = "Belt sample refused: {Reason}")]
    public static partial void BeltSampleRefused(ILogger logger, string reason);

    [LoggerMessage(EventId = 6006, Level = LogLevel.Warning, Message = "Command {Command} refused: {Error}")]
    public static partial void CommandRefused(ILogger logger, string command, string error);

    [LoggerMessage(EventId = 6007, Level = LogLevel.Warning, Message = "Lot {LotId} verdict {Verdict}: {Reasons}")]
    public static partial void LotVerdictChanged(ILogger logger, string lotId, LotVerdictLevel verdict, string reasons);
}
