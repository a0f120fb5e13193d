using System.Globalization;
using Microsoft.Extensions.Options;

namespace SmartCustoms.Edge.Core.Options;

/// <summary>Validates <c>Lane:Segments</c> (and its fit with <c>Lane:Geometry</c>).</summary>
public sealed class SegmentOptionsValidator(IOptions<LaneGeometryOptions> geometry) : IValidateOptions<SegmentOptions>
{
    public ValidateOptionsResult Validate(string? name, SegmentOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var check = new OptionChecks(SegmentOptions.SectionName);
        if (!Enum.IsDefined(options.Mode))
        {
            check.Fail(nameof(options.Mode), "must be Length or Tonnes", options.Mode);
        }

        check.Positive(nameof(options.LengthMetres), options.LengthMetres);
        check.Positive(nameof(options.Tonnes), options.Tonnes);
        check.NotNegative(nameof(options.SettleMetres), options.SettleMetres);
        check.AtLeast(nameof(options.RecentJudgedKept), options.RecentJudgedKept, 1);
        check.AtLeast(nameof(options.MaxEvidenceIds), options.MaxEvidenceIds, 0);

        LaneGeometryOptions g;
        try
        {
            g = geometry.Value;
        }
        catch (OptionsValidationException)
        {
            // Lane:Geometry reports its own errors; the cross-check needs a valid geometry.
            return check.Failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(check.Failures);
        }

        var firstSensor = Math.Min(g.CameraMetres, Math.Min(g.NirMetres, g.RadiationMetres));
        if (options.Mode == SegmentMode.Tonnes && g.ScaleMetres > firstSensor)
        {
            // Tonnage boundaries are only known once material has crossed the scale; a sensor upstream of the
            // scale would see material before its segment exists.
            check.Fail(string.Create(CultureInfo.InvariantCulture,
                $"{SegmentOptions.SectionName}:Mode Tonnes needs Lane:Geometry:ScaleMetres ({g.ScaleMetres}) at or upstream of the first sensor ({firstSensor} m)"));
        }

        return check.Failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(check.Failures);
    }
}
