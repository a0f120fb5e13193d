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
