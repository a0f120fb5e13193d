namespace SmartCustoms.Edge.Core.Alarms;

public enum AlarmType
{
    /// <summary>A contaminated segment.</summary>
    Contamination,

    /// <summary>The radiation monitor is at warning or alarm.</summary>
    Radiation,

    /// <summary>Measured ore does not match the declared brand.</summary>
    BrandMismatch,

    /// <summary>A device went down while a lot was open.</summary>
    DeviceDown,

    /// <summary>An increment was refused or missed.</summary>
    MissedIncrement,
}
