using SmartCustoms.Edge.Core.Options;

namespace SmartCustoms.Edge.Core.Belt;

/// <summary>
/// Where each device sits along the belt, metres from the lane's reference point in the direction of travel.
/// Immutable; thread-safe.
/// </summary>
/// <remarks>
/// Belt coordinates: the belt position P(t) is how far the belt has moved since tracking started. The
/// material at lane location x at time t carries the belt coordinate c = P(t) − x, and it stays the same
/// as the material travels; so material with coordinate c is under device d when P = c + x_d.
/// </remarks>
public sealed class LaneGeometry
{
    private readonly double[] _positions;

    public LaneGeometry(LaneGeometryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _positions = new double[Enum.GetValues<LaneDevice>().Length];
        _positions[(int)LaneDevice.Scale] = options.ScaleMetres;
        _positions[(int)LaneDevice.Camera] = options.CameraMetres;
        _positions[(int)LaneDevice.Nir] = options.NirMetres;
        _positions[(int)LaneDevice.Radiation] = options.RadiationMetres;
        _positions[(int)LaneDevice.Cutter] = options.CutterMetres;
        BeltWidthMetres = options.BeltWidthMetres;
        FirstSensorMetres = Math.Min(options.CameraMetres, Math.Min(options.NirMetres, options.RadiationMetres));
        LastSensorMetres = Math.Max(options.CameraMetres, Math.Max(options.NirMetres, options.RadiationMetres));
    }

    public double BeltWidthMetres { get; }

    /// <summary>The most upstream of camera, NIR and radiation monitor.</summary>
    public double FirstSensorMetres { get; }

    /// <summary>The most downstream of camera, NIR and radiation monitor: a segment is judged after it.</summary>
    public double LastSensorMetres { get; }

    public double PositionOf(LaneDevice device) => _positions[(int)device];

    /// <summary>Belt travel needed for material to go from device <paramref name="from"/> to <paramref name="to"/>.</summary>
    public double DistanceMetres(LaneDevice from, LaneDevice to) => PositionOf(to) - PositionOf(from);
}
