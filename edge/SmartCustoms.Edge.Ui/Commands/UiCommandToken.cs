using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using SmartCustoms.Edge.Ui.Options;

namespace SmartCustoms.Edge.Ui.Commands;

/// <summary>
/// The token the panel's commands carry when the command handler checks tokens: <c>Ui:CommandToken</c>, else
/// the first <c>Commands:Tokens</c> entry, else none. Immutable.
/// </summary>
internal sealed class UiCommandToken(IOptions<UiOptions> options, IConfiguration configuration)
{
    public string? Value { get; } = options.Value.CommandToken is { Length: > 0 } own ? own : configuration["Commands:Tokens:0"];
}
