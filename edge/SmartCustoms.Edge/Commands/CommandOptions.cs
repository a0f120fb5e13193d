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
}
