using System.Globalization;

namespace SmartCustoms.Drivers.LaneIo.Climate;

/// <summary>Rejects values no cabinet sensor can report (NaN, outside the sensors' specified range).</summary>
internal static class ClimatePlausibility
{
    public static CabinetClimateSample Check(string sensor, double temperatureCelsius, double humidityPercent)
    {
        // SHT3x and BME280 both specify -40..+125 °C and 0..100 %RH.
        if (!double.IsFinite(temperatureCelsius) || temperatureCelsius is < -45 or > 130)
        {
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                $"{sensor} reported an implausible temperature {temperatureCelsius} °C"));
        }

        if (!double.IsFinite(humidityPercent) || humidityPercent is < 0 or > 100)
        {
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                $"{sensor} reported an implausible relative humidity {humidityPercent} %"));
        }

        return new CabinetClimateSample(temperatureCelsius, humidityPercent);
    }
}
