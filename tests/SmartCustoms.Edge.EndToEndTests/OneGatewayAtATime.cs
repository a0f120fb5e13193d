namespace SmartCustoms.Edge.EndToEndTests;

/// <summary>
/// The browser test classes each run a whole gateway plus Chromium: on a 2-core machine two at once make both
/// slow and timing-sensitive, so they run one after the other.
/// </summary>
[CollectionDefinition(Name)]
public sealed class OneGatewayAtATime
{
    public const string Name = "gateway and browser";
}
