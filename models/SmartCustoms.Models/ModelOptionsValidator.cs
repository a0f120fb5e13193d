using System.Globalization;
using Microsoft.Extensions.Options;

namespace SmartCustoms.Models;

/// <summary>Checks <see cref="ModelOptions"/> at start; every message names the key.</summary>
internal sealed class ModelOptionsValidator : IValidateOptions<ModelOptions>
{
    private const string Prefix = ModelOptions.SectionName + ":";

    public ValidateOptionsResult Validate(string? name, ModelOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.SpectralModelPath))
        {
            failures.Add($"{Prefix}{nameof(ModelOptions.SpectralModelPath)} must name the spectral model file, got an empty value");
        }
        else
        {
            var path = options.ResolveSpectralModelPath();
            if (!File.Exists(path))
            {
                failures.Add($"{Prefix}{nameof(ModelOptions.SpectralModelPath)}: no model file at {path} (configured '{options.SpectralModelPath}')");
            }
        }

        if (options.ContaminantThreshold is { } contaminant && !(contaminant > 0 && contaminant < 1))
        {
            failures.Add(Invariant($"{Prefix}{nameof(ModelOptions.ContaminantThreshold)} must be between 0 and 1 (exclusive), got {contaminant}"));
        }

        if (options.OodThreshold is { } ood && !(ood > 0 && double.IsFinite(ood)))
        {
            failures.Add(Invariant($"{Prefix}{nameof(ModelOptions.OodThreshold)} must be a positive number, got {ood}"));
        }

        if (options.IntraOpThreads is < 1 or > 64)
        {
            failures.Add(Invariant($"{Prefix}{nameof(ModelOptions.IntraOpThreads)} must be 1-64, got {options.IntraOpThreads}"));
        }

        if (options.MaxInvalidPixelRun is < 0 or > 16)
        {
            failures.Add(Invariant($"{Prefix}{nameof(ModelOptions.MaxInvalidPixelRun)} must be 0-16, got {options.MaxInvalidPixelRun}"));
        }

        if (!(options.MaxInvalidPixelFraction >= 0 && options.MaxInvalidPixelFraction <= 0.5))
        {
            failures.Add(Invariant($"{Prefix}{nameof(ModelOptions.MaxInvalidPixelFraction)} must be 0-0.5, got {options.MaxInvalidPixelFraction}"));
        }

        ValidateVisual(options, failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateVisual(ModelOptions options, List<string> failures)
    {
        if (options.VisualDetectionEnabled && !File.Exists(options.ResolveVisualModelPath()))
        {
            failures.Add($"{Prefix}{nameof(ModelOptions.VisualModelPath)}: no model file at {options.ResolveVisualModelPath()} (configured '{options.VisualModelPath}'; empty turns visual detection off)");
        }

        if (options.VisualScoreThreshold is { } score && !(score > 0 && score < 1))
        {
            failures.Add(Invariant($"{Prefix}{nameof(ModelOptions.VisualScoreThreshold)} must be between 0 and 1 (exclusive), got {score}"));
        }

        if (options.VisualNmsIou is { } iou && !(iou > 0 && iou <= 1))
        {
            failures.Add(Invariant($"{Prefix}{nameof(ModelOptions.VisualNmsIou)} must be in (0, 1], got {iou}"));
        }

        if (options.VisualIntraOpThreads is < 1 or > 64)
        {
            failures.Add(Invariant($"{Prefix}{nameof(ModelOptions.VisualIntraOpThreads)} must be 1-64, got {options.VisualIntraOpThreads}"));
        }

        if (!(options.VisualMaxFramesPerSecond > 0 && options.VisualMaxFramesPerSecond <= 100))
        {
            failures.Add(Invariant($"{Prefix}{nameof(ModelOptions.VisualMaxFramesPerSecond)} must be in (0, 100], got {options.VisualMaxFramesPerSecond}"));
        }

        if (!(options.CameraFieldOfViewAcrossM > 0.1 && options.CameraFieldOfViewAcrossM <= 20))
        {
            failures.Add(Invariant($"{Prefix}{nameof(ModelOptions.CameraFieldOfViewAcrossM)} must be 0.1-20 m, got {options.CameraFieldOfViewAcrossM}"));
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
