namespace SmartCustoms.Drivers.Spectrometer.Calibration;

public enum CalibrationState
{
    /// <summary>No calibration has been taken (or loaded) for this instrument.</summary>
    Missing,

    /// <summary>Within its validity period and temperature window.</summary>
    Valid,

    /// <summary>Expired or the detector temperature drifted: reflectance is unreliable, recalibrate.</summary>
    Stale,
}
