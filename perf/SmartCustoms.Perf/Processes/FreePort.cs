using SmartCustoms.Tests.Shared;

namespace SmartCustoms.Perf.Processes;

/// <summary>
/// A TCP port on this machine that nothing listens on right now, for a server the tool starts (mosquitto, scsim, the
/// gateway). Picked below the kernel's ephemeral range (<see cref="TestPorts"/>), so an outgoing connection cannot
/// take it between the pick and the server's bind.
/// </summary>
internal static class FreePort
{
    public static int Next() => TestPorts.Next();
}
