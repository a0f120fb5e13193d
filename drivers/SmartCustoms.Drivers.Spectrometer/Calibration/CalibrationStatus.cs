namespace SmartCustoms.Drivers.Spectrometer.Calibration;

/// <summary>Whether reflectance can be trusted, and why not. <see cref="Reason"/> is empty when valid.</summary>
public sealed record CalibrationStatus(CalibrationState State, string Reason)
{
    public static CalibrationStatus Valid { get; } = new(CalibrationState.Valid, string.Empty);

    public static CalibrationStatus Missing { get; } = new(CalibrationState.Missing, "no dark/white calibration has been taken");

    public bool IsValid => State == CalibrationState.Valid;

    public static CalibrationStatus Stale(string reason) => new(CalibrationState.Stale, reason);
}
