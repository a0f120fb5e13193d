using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Options;

namespace SmartCustoms.Edge.Hosting;

/// <summary>Turns the exceptions that bad settings cause into one line that names the key and the problem.</summary>
internal static class StartupError
{
    public static bool IsConfigurationError(Exception exception) => exception switch
    {
        OptionsValidationException => true,
        InvalidOperationException ioe when ioe.Message.Contains("configuration value", StringComparison.OrdinalIgnoreCase) => true,
        AggregateException ae => ae.InnerExceptions.All(IsConfigurationError),
        _ => exception.InnerException is not null && IsConfigurationError(exception.InnerException),
    };

    /// <summary>
    /// True when a listening socket could not be bound because another process holds the port (Kestrel's
    /// <c>Urls</c>, or a simulator's port under <c>--simulate</c>): a setting to change, not a bug to trace.
    /// </summary>
    public static bool IsPortInUse(Exception? exception) => exception switch
    {
        null => false,
        AddressInUseException => true,
        SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse } => true,
        AggregateException ae => ae.InnerExceptions.Any(IsPortInUse),
        _ => IsPortInUse(exception.InnerException),
    };

    /// <summary>The one line for a port already in use: what could not be bound and what to do about it.</summary>
    public static string DescribePortInUse(Exception exception) =>
        OneLine(Describe(exception) + " Another process already listens there: stop it, or give the gateway another port (Urls for HTTP, the device's Port setting under --simulate).");

    public static string Describe(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var message = exception switch
        {
            OptionsValidationException ove => string.Join("; ", ove.Failures),
            AggregateException ae => string.Join("; ", ae.InnerExceptions.Select(Describe)),
            InvalidOperationException ioe when ioe.Message.Contains("configuration value", StringComparison.OrdinalIgnoreCase) => BindingMessage(ioe),
            _ when exception.InnerException is not null && IsConfigurationError(exception.InnerException) => Describe(exception.InnerException),
            _ => exception.Message,
        };
        return OneLine(message);
    }

    // "Failed to convert configuration value 'abc' at 'Mqtt:Port' to type 'System.Int32'." is already a good
    // sentence; the inner FormatException adds nothing an operator needs.
    private static string BindingMessage(InvalidOperationException exception) => exception.Message;

    private static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();
}
