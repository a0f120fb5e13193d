namespace SmartCustoms.Edge.Storage;

/// <summary>
/// Delivery priority of a stored event. Lower values leave the outbox first; within one priority the order is
/// the sequence number. Priority also decides what the store still accepts when the disk budget is reached.
/// </summary>
public enum EventPriority
{
    /// <summary>Alarms, lane state and device state: accepted up to the hard disk limit, sent first.</summary>
    Critical = 0,

    /// <summary>Verdicts (segment, lot): accepted up to the hard disk limit.</summary>
    High = 1,

    /// <summary>Ordinary events (detections, increments, calibration…): refused once the disk budget is reached.</summary>
    Normal = 2,
}
