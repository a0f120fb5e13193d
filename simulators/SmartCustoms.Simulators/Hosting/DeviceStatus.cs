namespace SmartCustoms.Simulators.Hosting;

/// <summary>One simulated device at a glance: where it listens, whether it accepts connections, its clients, what it has served and its faults.</summary>
/// <param name="Served">Requests (Modbus), spectra (NIR) or frames (camera) served.</param>
public sealed record DeviceStatus(string Device, string Protocol, string Endpoint, bool Listening, int Clients, long Served, IReadOnlyList<string> Faults);
