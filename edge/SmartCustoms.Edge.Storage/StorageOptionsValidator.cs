using Microsoft.Extensions.Options;

namespace SmartCustoms.Edge.Storage;

/// <summary>Validates <see cref="StorageOptions"/> on start; messages name the configuration key.</summary>
public sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Path))
        {
            errors.Add("Storage:Path must be a folder path, got an empty value");
        }

        CheckTopicLevel("Storage:Site (or Mqtt:Site)", options.Site, errors);
        CheckTopicLevel("Storage:Lane (or Mqtt:Lane)", options.Lane, errors);
        if (options.MaxDiskBytes < 1024 * 1024)
        {
            errors.Add($"Storage:MaxDiskBytes must be at least 1048576 (1 MiB), got {options.MaxDiskBytes}");
        }

        if (options.CriticalReserveBytes < 0)
        {
            errors.Add($"Storage:CriticalReserveBytes must be 0 or more, got {options.CriticalReserveBytes}");
        }

        if (!(options.RetentionDays > 0))
        {
            errors.Add($"Storage:RetentionDays must be more than 0, got {options.RetentionDays}");
        }

        if (options.RetentionCheckInterval <= TimeSpan.Zero)
        {
            errors.Add($"Storage:RetentionCheckInterval must be positive, got {options.RetentionCheckInterval}");
        }

        if (options.CommitBatchMaxSize is < 1 or > 10_000)
        {
            errors.Add($"Storage:CommitBatchMaxSize must be 1-10000, got {options.CommitBatchMaxSize}");
        }

        if (options.MaxEventBytes is < 1024 or > 16 * 1024 * 1024)
        {
            errors.Add($"Storage:MaxEventBytes must be 1024-16777216, got {options.MaxEventBytes}");
        }

        if (!(options.EvidenceRetentionDays > 0))
        {
            errors.Add($"Storage:EvidenceRetentionDays must be more than 0, got {options.EvidenceRetentionDays}");
        }

        if (options.EvidenceMaxDiskBytes < 1024 * 1024)
        {
            errors.Add($"Storage:EvidenceMaxDiskBytes must be at least 1048576 (1 MiB), got {options.EvidenceMaxDiskBytes}");
        }

        if (options.AuditFileMaxBytes < 64 * 1024)
        {
            errors.Add($"Storage:AuditFileMaxBytes must be at least 65536 (64 KiB), got {options.AuditFileMaxBytes}");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    /// <summary>Site and lane become MQTT topic levels, so wildcards and separators are refused.</summary>
    internal static void CheckTopicLevel(string key, string value, List<string> errors)
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
}
