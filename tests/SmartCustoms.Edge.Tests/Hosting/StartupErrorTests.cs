using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using SmartCustoms.Edge.Hosting;

namespace SmartCustoms.Edge.Tests.Hosting;

public class StartupErrorTests
{
    private sealed class PortOptions
    {
        public int Port { get; set; }
    }

    [Fact]
    public void A_value_that_does_not_bind_is_described_in_one_line_naming_the_key()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Mqtt:Port"] = "abc" })
            .Build();

        var exception = Assert.ThrowsAny<Exception>(() => configuration.GetSection("Mqtt").Get<PortOptions>());

        Assert.True(StartupError.IsConfigurationError(exception));
        var line = StartupError.Describe(exception);
        Assert.Contains("Mqtt:Port", line, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', line);
    }

    [Fact]
    public void Validation_failures_are_joined_into_one_line()
    {
        var exception = new OptionsValidationException("x", typeof(object), ["Mqtt:Port must be 1-65535", "Mqtt:Site is required"]);

        Assert.Equal("Mqtt:Port must be 1-65535; Mqtt:Site is required", StartupError.Describe(exception));
    }

    [Fact]
    public void Other_errors_are_not_taken_for_configuration_errors()
    {
        Assert.False(StartupError.IsConfigurationError(new IOException("disk full")));
    }
}
