using System.Globalization;

namespace SmartCustoms.Perf.Processes;

/// <summary>What the simulated lane offers the gateway: belt speed, NIR line rate, camera frame rate.</summary>
internal sealed record LaneLoad(double BeltSpeedMps, double NirLineRateHz, double CameraFps)
{
    public static LaneLoad Contract => new(5, 500, 25);

    public LaneLoad Scaled(double factor) => new(BeltSpeedMps * factor, NirLineRateHz * factor, CameraFps * factor);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"belt {BeltSpeedMps:0.##} m/s, NIR {NirLineRateHz:0} spectra/s, camera {CameraFps:0.#} fps");
}
