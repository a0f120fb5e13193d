using System.Globalization;
using Microsoft.Extensions.Options;

namespace SmartCustoms.Edge.Acquisition;

/// <summary>Checks <see cref="NirAcquisitionOptions"/> at start; every message names the key.</summary>
internal sealed class NirAcquisitionOptionsValidator : IValidateOptions<NirAcquisitionOptions>
{
    private const string Prefix = NirAcquisitionOptions.SectionName + ":";

    public ValidateOptionsResult Validate(string? name, NirAcquisitionOptions options)
    {
        var failures = new List<string>();
        Check(failures, options.SummaryInterval >= TimeSpan.FromSeconds(1) && options.SummaryInterval <= TimeSpan.FromHours(1),
            nameof(options.SummaryInterval), "between 00:00:01 and 01:00:00", options.SummaryInterval);
        Check(failures, options.ChannelCapacityBatches is >= 1 and <= 10_000,
            nameof(options.ChannelCapacityBatches), "between 1 and 10000", options.ChannelCapacityBatches);
        Check(failures, options.MaxJoinedSpectra is >= 0 and <= 10_000,
            nameof(options.MaxJoinedSpectra), "between 0 and 10000", options.MaxJoinedSpectra);
        Check(failures, options.BurstWindow >= TimeSpan.Zero && options.BurstWindow <= TimeSpan.FromSeconds(1),
            nameof(options.BurstWindow), "between 00:00:00 and 00:00:01", options.BurstWindow);
        Check(failures, options.InferenceParallelism is >= 1 and <= 16,
            nameof(options.InferenceParallelism), "between 1 and 16", options.InferenceParallelism);
        Check(failures, options.MaxDetectionSpectra is >= 1 and <= 100_000,
            nameof(options.MaxDetectionSpectra), "between 1 and 100000", options.MaxDetectionSpectra);
        Check(failures, options.MinDetectionSpectra >= 1 && options.MinDetectionSpectra <= options.MaxDetectionSpectra,
            nameof(options.MinDetectionSpectra), "between 1 and MaxDetectionSpectra", options.MinDetectionSpectra);
        Check(failures, options.RetryMinDelay >= TimeSpan.FromMilliseconds(10) && options.RetryMinDelay <= options.RetryMaxDelay,
            nameof(options.RetryMinDelay), "at least 00:00:00.010 and not above RetryMaxDelay", options.RetryMinDelay);
        Check(failures, options.RetryMaxDelay <= TimeSpan.FromMinutes(5),
            nameof(options.RetryMaxDelay), "at most 00:05:00", options.RetryMaxDelay);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Check(List<string> failures, bool ok, string key, string rule, object value)
    {
        if (!ok)
        {
            failures.Add(string.Format(CultureInfo.InvariantCulture, "{0}{1} must be {2}, got {3}", Prefix, key, rule, value));
        }
    }
}
