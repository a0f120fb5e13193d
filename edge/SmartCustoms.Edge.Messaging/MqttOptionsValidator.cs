using Microsoft.Extensions.Options;

namespace SmartCustoms.Edge.Messaging;

/// <summary>Validates <see cref="MqttOptions"/> on start; every message names its configuration key.</summary>
public sealed class MqttOptionsValidator : IValidateOptions<MqttOptions>
{
    public ValidateOptionsResult Validate(string? name, MqttOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        CheckTopicLevel("Mqtt:Site", options.Site, errors);
        CheckTopicLevel("Mqtt:Lane", options.Lane, errors);
        if (options.UsesEmbeddedBroker)
        {
            if (options.EmbeddedBrokerPort is < 0 or > 65535)
            {
                errors.Add($"Mqtt:EmbeddedBrokerPort must be 0-65535, got {options.EmbeddedBrokerPort}");
            }

            if (options.EmbeddedBrokerMaxPendingPerClient < 1)
            {
                errors.Add("Mqtt:EmbeddedBrokerMaxPendingPerClient must be 1 or more, got " +
                           options.EmbeddedBrokerMaxPendingPerClient);
            }

            if (options.UseTls)
            {
                errors.Add("Mqtt:UseTls needs an external broker (Mqtt:Host); the embedded broker is loopback-only " +
                           "plain MQTT");
            }
        }
        else if (options.Port is < 1 or > 65535)
        {
            errors.Add($"Mqtt:Port must be 1-65535, got {options.Port}");
        }

        if (options.ClientId.Length > 0 && (options.ClientId.Length > 128 || options.ClientId.Any(char.IsWhiteSpace)))
        {
            errors.Add($"Mqtt:ClientId must be 1-128 characters without spaces, got '{options.ClientId}'");
        }

        if (options.Password is not null && string.IsNullOrEmpty(options.Username))
        {
            errors.Add("Mqtt:Password is set but Mqtt:Username is empty");
        }

        if (options.UseTls)
        {
            CheckFile("Mqtt:CaCertificatePath", options.CaCertificatePath, errors);
            CheckFile("Mqtt:ClientCertificatePath", options.ClientCertificatePath, errors);
            CheckFile("Mqtt:ClientKeyPath", options.ClientKeyPath, errors);
            if (options.ClientKeyPath is not null && options.ClientCertificatePath is null)
            {
                errors.Add("Mqtt:ClientKeyPath is set but Mqtt:ClientCertificatePath is empty");
            }
        }

        CheckPositive("Mqtt:KeepAlive", options.KeepAlive, TimeSpan.FromSeconds(1), TimeSpan.FromHours(18), errors);
        CheckPositive("Mqtt:ConnectTimeout", options.ConnectTimeout, TimeSpan.FromMilliseconds(100),
            TimeSpan.FromMinutes(5), errors);
        CheckPositive("Mqtt:ReconnectMinDelay", options.ReconnectMinDelay, TimeSpan.FromMilliseconds(10),
            TimeSpan.FromHours(1), errors);
        CheckPositive("Mqtt:ReconnectMaxDelay", options.ReconnectMaxDelay, TimeSpan.FromMilliseconds(10),
            TimeSpan.FromHours(1), errors);
        if (options.ReconnectMaxDelay < options.ReconnectMinDelay)
        {
            errors.Add($"Mqtt:ReconnectMaxDelay ({options.ReconnectMaxDelay}) must not be less than " +
                       $"Mqtt:ReconnectMinDelay ({options.ReconnectMinDelay})");
        }

        CheckPositive("Mqtt:ShutdownDrainTimeout", options.ShutdownDrainTimeout, TimeSpan.Zero, TimeSpan.FromMinutes(5),
            errors);
        CheckPositive("Mqtt:CommandTimeout", options.CommandTimeout, TimeSpan.FromMilliseconds(10),
            TimeSpan.FromMinutes(10), errors);
        if (options.MaxInFlight is < 1 or > 65535)
        {
            errors.Add($"Mqtt:MaxInFlight must be 1-65535, got {options.MaxInFlight}");
        }

        if (options.OutboxBatchSize is < 1 or > 100_000)
        {
            errors.Add($"Mqtt:OutboxBatchSize must be 1-100000, got {options.OutboxBatchSize}");
        }

        if (options.MaxCommandBytes is < 16 or > 16 * 1024 * 1024)
        {
            errors.Add($"Mqtt:MaxCommandBytes must be 16-16777216, got {options.MaxCommandBytes}");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void CheckTopicLevel(string key, string value, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add($"{key} must be set, got an empty value");
        }
        else if (value.AsSpan().IndexOfAny("/+#") >= 0 || value.Any(char.IsWhiteSpace))
        {
            errors.Add($"{key} must not contain '/', '+', '#' or spaces, got '{value}'");
        }
    }

    private static void CheckFile(string key, string? path, List<string> errors)
    {
        if (!string.IsNullOrEmpty(path) && !File.Exists(path))
        {
            errors.Add($"{key}: file '{path}' does not exist");
        }
    }

    private static void CheckPositive(string key, TimeSpan value, TimeSpan min, TimeSpan max, List<string> errors)
    {
        if (value < min || value > max || (min == TimeSpan.Zero && value < TimeSpan.Zero))
        {
            errors.Add($"{key} must be {min}-{max}, got {value}");
        }
    }
}
