namespace SmartCustoms.Edge.Ui.Auth;

/// <summary>What a signed-in person may do at the panel (see <see cref="UiPermissions"/>).</summary>
public enum UiRole
{
    /// <summary>Runs lots, acknowledges alarms, requests increments.</summary>
    Operator,

    /// <summary>Everything an operator does, starts calibrations, releases a HOLD and changes verdict thresholds.</summary>
    Supervisor,

    /// <summary>Devices and calibration; may not run lots or acknowledge alarms.</summary>
    Technician,

    /// <summary>A customs officer watching from elsewhere (remote video inspection): sees everything, acts on nothing.</summary>
    RemoteOfficer,
}
