using System.Text.Json.Nodes;

namespace SmartCustoms.Edge.Storage.Audit;

/// <summary>
/// One thing that happened and must be accountable: a command, a sample custody step, a configuration load,
/// an operator's UI action. Only <see cref="Category"/> and <see cref="Action"/> are required.
/// </summary>
/// <param name="Category"><c>command</c>, <c>custody</c>, <c>config</c>, <c>ui</c>, <c>system</c>, ….</param>
/// <param name="Action">What, within the category: <c>start-lot</c>, <c>taken</c>, <c>loaded</c>, <c>sign-in</c>, ….</param>
public sealed record AuditEntry(string Category, string Action)
{
    /// <summary>Who did it (user, MQTT sender, <c>gateway</c>).</summary>
    public string? Actor { get; init; }

    /// <summary>Which way it came: <c>mqtt</c>, <c>http</c>, <c>ui</c>, <c>lane</c>, <c>startup</c>.</summary>
    public string? Source { get; init; }

    /// <summary>The lot it concerns, if any.</summary>
    public string? Lot { get; init; }

    /// <summary><c>ok</c>, or <c>refused: …</c> / <c>failed: …</c> with the reason.</summary>
    public string? Outcome { get; init; }

    /// <summary>Anything else (command arguments, increment id and mass, configuration hash, …). Numbers must
    /// be finite. Never put secrets here: the log is kept and readable.</summary>
    public JsonObject? Details { get; init; }
}
