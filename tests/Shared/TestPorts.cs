using System.Net;
using System.Net.Sockets;

namespace SmartCustoms.Tests.Shared;

/// <summary>
/// TCP ports for servers a test starts (gateway, simulators, mosquitto), picked below the kernel's ephemeral range
/// (Linux: 32768–60999). A port the OS hands out with bind(0) lies inside that range, where any outgoing connection
/// on the machine may take it in the moment between the pick and the server's bind; CI lost whole fixtures to that
/// ("address already in use"). Ports below the range are never given to outgoing connections. Each test process
/// walks its own block (chosen from its process id) and skips a port something already listens on, so test
/// projects running side by side do not pick the same port. Linked as source into each test project that needs it and into perf/SmartCustoms.Perf.
/// </summary>
internal static class TestPorts
{
    private const int First = 12000;
    private const int BlockSize = 400;
    private const int Blocks = 50; // 12000–31999, below 32768
    private static int _next = First + (Environment.ProcessId % Blocks * BlockSize) - 1;

    /// <summary>A port nothing listens on now, not handed out before by this process (until its block wraps).</summary>
    public static int Next()
    {
        for (var tries = 0; tries < Blocks * BlockSize; tries++)
        {
            var port = First + ((Interlocked.Increment(ref _next) - First) % (Blocks * BlockSize));
            if (IsFree(port))
            {
                return port;
            }
        }

        throw new InvalidOperationException($"no free TCP port in {First}–{First + (Blocks * BlockSize) - 1}");
    }

    private static bool IsFree(int port)
    {
        foreach (var address in new[] { IPAddress.Loopback, IPAddress.Any })
        {
            try
            {
                using var listener = new TcpListener(address, port);
                listener.Start();
            }
            catch (SocketException)
            {
                return false;
            }
        }

        return true;
    }
}
