namespace SmartCustoms.Simulators.World;

/// <summary>
/// The climate inside the lane's electrical cabinet at the berth. Outside air follows a daily curve
/// (warmest at 15:00, coldest at 03:00); the cabinet follows it about 1.5 h late (thermal mass) and
/// runs warmer by the electronics' self-heating, with a slow wander. The cabinet is not sealed, so its
/// air has the moisture of the outside air (a dew point that drifts slowly): relative humidity falls as
/// the cabinet warms (Magnus formula). Sensor noise is drawn per 100 ms of lane time, so a reading is a
/// pure function of seed and lane time. Lane time 0 is at <see cref="StartHourOfDay"/> (not the wall
/// clock: the same seed gives the same values whenever it runs). Thread-safe (immutable).
/// </summary>
public sealed class CabinetClimate
{
    private const int Salt = 750;

    private readonly int _seed;
    private readonly double _meanOutsideC;
    private readonly double _dewPointC;
    private readonly double _phase1;
    private readonly double _phase2;

    /// <param name="seed">The lane's seed: sets the day's mean temperature (±2 °C), dew point (±2 °C) and wander.</param>
    /// <param name="startHourOfDay">Local time of day at lane time 0, hours (0–24).</param>
    public CabinetClimate(int seed, double startHourOfDay = 10.0)
    {
        if (!double.IsFinite(startHourOfDay) || startHourOfDay is < 0 or > 24)
        {
            throw new ArgumentOutOfRangeException(nameof(startHourOfDay), startHourOfDay, "The start hour must be 0-24.");
        }

        _seed = seed;
        StartHourOfDay = startHourOfDay;
        var rng = SimRandom.Create(seed, Salt, -1);
        _meanOutsideC = 26.0 + rng.Uniform(-2, 2);
        _dewPointC = 18.0 + rng.Uniform(-2, 2);
        _phase1 = rng.Uniform(0, 2 * Math.PI);
        _phase2 = rng.Uniform(0, 2 * Math.PI);
    }

    /// <summary>Half the day-night swing of the outside air, °C.</summary>
    public const double DailyHalfSwingC = 5.0;

    /// <summary>How much warmer the cabinet runs than the outside air (drives, PLC, PC), °C.</summary>
    public const double SelfHeatingC = 8.0;

    /// <summary>How late the cabinet follows the outside air, hours.</summary>
    public const double LagHours = 1.5;

    /// <summary>Standard deviation of the sensor's temperature noise, °C (SHT31 repeatability, high).</summary>
    public const double TemperatureNoiseC = 0.04;

    /// <summary>Standard deviation of the sensor's humidity noise, %RH.</summary>
    public const double HumidityNoisePct = 0.1;

    public double StartHourOfDay { get; }

    /// <summary>Local time of day at a lane time, hours 0–24.</summary>
    public double HourOfDayAt(double laneTimeS) => ((StartHourOfDay + (laneTimeS / 3600.0)) % 24 + 24) % 24;

    /// <summary>The cabinet air at a lane time, without sensor noise (ground truth).</summary>
    public CabinetReading TruthAt(double laneTimeS)
    {
        double t = AirTemperatureAt(laneTimeS);
        return new CabinetReading(t, RelativeHumidity(DewPointAt(laneTimeS), t));
    }

    /// <summary>
    /// What a sensor in the cabinet measures at a lane time: the air plus <paramref name="sensorHeatingC"/>
    /// (an SHT3x's own heater warms the chip and so lowers the humidity it sees), plus noise.
    /// </summary>
    public CabinetReading MeasureAt(double laneTimeS, double sensorHeatingC = 0)
    {
        var rng = SimRandom.Create(_seed, Salt, (long)Math.Floor(laneTimeS * 10));
        double t = AirTemperatureAt(laneTimeS) + sensorHeatingC;
        double rh = RelativeHumidity(DewPointAt(laneTimeS), t);
        return new CabinetReading(t + rng.Gaussian(0, TemperatureNoiseC), Math.Clamp(rh + rng.Gaussian(0, HumidityNoisePct), 0, 100));
    }

    /// <summary>Saturation vapour pressure over water, hPa (Magnus, Sonntag 1990 constants).</summary>
    public static double SaturationVapourPressureHpa(double temperatureC) => 6.112 * Math.Exp(17.62 * temperatureC / (243.12 + temperatureC));

    private static double RelativeHumidity(double dewPointC, double temperatureC) =>
        Math.Clamp(100.0 * SaturationVapourPressureHpa(dewPointC) / SaturationVapourPressureHpa(temperatureC), 0, 100);

    private double AirTemperatureAt(double laneTimeS)
    {
        double hour = HourOfDayAt(laneTimeS) - LagHours;
        double outside = _meanOutsideC + (DailyHalfSwingC * Math.Cos(2 * Math.PI * (hour - 15.0) / 24.0));
        double wander = (0.3 * Math.Sin((2 * Math.PI * laneTimeS / 1800.0) + _phase1)) + (0.1 * Math.Sin((2 * Math.PI * laneTimeS / 310.0) + _phase2));
        return outside + SelfHeatingC + wander;
    }

    private double DewPointAt(double laneTimeS) => _dewPointC + (1.0 * Math.Sin((2 * Math.PI * laneTimeS / 7200.0) + _phase2));
}
