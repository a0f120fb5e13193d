namespace SmartCustoms.Edge.Commands;

/// <summary>Who may send commands (section <c>Commands</c>).</summary>
internal sealed class CommandOptions
{
    public const string SectionName = "Commands";

    /// <summary>
    /// API tokens of machine clients. When any are set, an MQTT command must carry one in its <c>token</c>
    /// user property; when none are set, the broker's ACL on <c>…/cmd/#</c> is the only gate (production
    /// brokers must then restrict who may publish there).
    /// </summary>
    public IList<string> Tokens { get; } = [];

    /// <summary>
    /// Tokens of machine clients acting as a supervisor: only these (and a supervisor signed in at the panel) may
    /// send <c>release-hold</c>, <c>set-threshold</c> and <c>set-mode</c> (at the panel, <c>set-mode</c> is a technician's or a supervisor's). They are also accepted wherever a <see cref="Tokens"/> token is.
    /// </summary>
    public IList<string> SupervisorTokens { get; } = [];
}
