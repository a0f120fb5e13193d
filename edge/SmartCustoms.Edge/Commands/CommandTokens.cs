using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace SmartCustoms.Edge.Commands;

/// <summary>Checks API tokens for HTTP commands against <c>Commands:Tokens</c>. With no tokens configured, HTTP commands are refused.</summary>
internal sealed class CommandTokens(IOptionsMonitor<CommandOptions> options)
{
    public bool IsValid(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return false;
        }

        var presented = Encoding.UTF8.GetBytes(token);
        return options.CurrentValue.Tokens.Concat(options.CurrentValue.SupervisorTokens).Any(t => CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(t), presented));
    }
}
