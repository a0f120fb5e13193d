using System.Globalization;

namespace SmartCustoms.Perf.Processes;

/// <summary>What the simulated lane offers the gateway: belt speed, NIR line rate, camera frame rate.</summary>
internal sealed record LaneLoad(double BeltSpeedMps, double NirLineRateHz, double CameraFps)
{
    public static LaneLoad Contract => new(5, 500, 25);

    /// <summary>The NIR driver's default integration time, µs (<c>Devices:Nir:IntegrationTimeMicroseconds</c>).</summary>
    public const int DefaultIntegrationUs = 1000;

    /// <summary>The simulated instrument's readout dead time per spectrum, µs (<c>NirInstrument.ReadoutUs</c>).</summary>
    public const int ReadoutUs = 40;

    /// <summary>
    /// The integration time the gateway sets on the NIR for this line rate. An instrument takes one spectrum every
    /// max(1 / line rate, integration + readout): with the default 1,000 µs it cannot exceed 1e6 / 1,040 ≈ 961
    /// spectra/s, whatever line rate it is asked for (as a real one). Faster lines need a shorter integration
    /// (at most 90 % of the period less the readout; never more than the default, never under 10 µs).
    /// </summary>
    public int NirIntegrationUs => NirTestSource ? DefaultIntegrationUs : (int)Math.Clamp(Math.Floor((0.9 * 1e6 / NirLineRateHz) - ReadoutUs), 10, DefaultIntegrationUs);

    /// <summary>
    /// The NIR is the simulator's throughput test source (<c>scsim lane --nir-test-source</c>): banked clean-lane spectra
    /// taken at the default 1,000 µs, served at any line rate. Not an instrument; for the spectral ceiling only.
    /// </summary>
    public bool NirTestSource { get; init; }

    public LaneLoad Scaled(double factor) => this with { BeltSpeedMps = BeltSpeedMps * factor, NirLineRateHz = NirLineRateHz * factor, CameraFps = CameraFps * factor };

    public override string ToString() => NirTestSource
        ? string.Create(CultureInfo.InvariantCulture, $"NIR test source {NirLineRateHz:0} spectra/s (banked clean spectra at {NirIntegrationUs} µs), camera off")
        : string.Create(CultureInfo.InvariantCulture, $"belt {BeltSpeedMps:0.##} m/s, NIR {NirLineRateHz:0} spectra/s ({NirIntegrationUs} µs integration), camera {CameraFps:0.#} fps");
}
