using System.Globalization;
using Microsoft.Extensions.Options;

namespace SmartCustoms.Edge.Core.Options;

/// <summary>Validates <c>Lane:Geometry</c>.</summary>
public sealed class LaneGeometryOptionsValidator : IValidateOptions<LaneGeometryOptions>
{
    public ValidateOptionsResult Validate(string? name, LaneGeometryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var check = new OptionChecks(LaneGeometryOptions.SectionName);
        check.Finite(nameof(options.ScaleMetres), options.ScaleMetres);
        check.Finite(nameof(options.CameraMetres), options.CameraMetres);
        check.Finite(nameof(options.NirMetres), options.NirMetres);
        check.Finite(nameof(options.RadiationMetres), options.RadiationMetres);
        check.Finite(nameof(options.CutterMetres), options.CutterMetres);
        check.Positive(nameof(options.BeltWidthMetres), options.BeltWidthMetres);
        check.NotNegative(nameof(options.EncoderPulsesPerMetre), options.EncoderPulsesPerMetre);
        check.Positive(nameof(options.SpeedSampleTimeoutSeconds), options.SpeedSampleTimeoutSeconds);
        check.Positive(nameof(options.MovingSpeedMetresPerSecond), options.MovingSpeedMetresPerSecond);
        check.AtLeast(nameof(options.HistoryCapacity), options.HistoryCapacity, 16);
        check.Positive(nameof(options.RadiationFieldOfViewMetres), options.RadiationFieldOfViewMetres);
        check.NotNegative(nameof(options.RadiationIntegrationSeconds), options.RadiationIntegrationSeconds);
        check.NotNegative(nameof(options.RadiationSourceToleranceMetres), options.RadiationSourceToleranceMetres);

        var lastSensor = Math.Max(options.CameraMetres, Math.Max(options.NirMetres, options.RadiationMetres));
        if (double.IsFinite(lastSensor) && double.IsFinite(options.CutterMetres) && options.CutterMetres <= lastSensor)
        {
            // A cutter upstream of a sensor could never cut what that sensor found.
            check.Fail(string.Create(CultureInfo.InvariantCulture,
                $"{LaneGeometryOptions.SectionName}:CutterMetres must be downstream of the last sensor ({lastSensor} m), got {options.CutterMetres}"));
        }

        return check.Failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(check.Failures);
    }
}
