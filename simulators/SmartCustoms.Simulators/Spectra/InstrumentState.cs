namespace SmartCustoms.Simulators.Spectra;

/// <summary>The instrument's condition for one acquisition.</summary>
/// <param name="DetectorTemperatureC">Detector temperature (TEC set point −10 °C); dark current doubles every ~6.5 °C.</param>
/// <param name="LampHours">Lamp age: output falls and the colour temperature drops with hours.</param>
/// <param name="LampFlicker">Short-term lamp output factor (1 = nominal).</param>
/// <param name="IntegrationUs">Integration time per frame, µs (CONF:INT).</param>
/// <param name="Averages">Frames averaged per spectrum (CONF:AVG).</param>
public readonly record struct InstrumentState(double DetectorTemperatureC, double LampHours, double LampFlicker, int IntegrationUs, int Averages)
{
    public static InstrumentState Default { get; } = new(NirInstrumentModel.DetectorSetPointC, 1200, 1.0, NirInstrumentModel.DefaultIntegrationUs, 1);
}
