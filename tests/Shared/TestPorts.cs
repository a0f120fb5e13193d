using System.Net;
using System.Net.Sockets;

namespace SmartCustoms.Tests.Shared;

/// <summary>
/// TCP ports for servers a test starts (gateway, simulators, mosquitto), picked below the kernel's ephemeral range
/// (Linux: 32768–60999). A port the OS hands out with bind(0) lies inside that range, where any outgoing connection
/// on the machine may take it in the moment between the pick and the server's bind; CI lost whole fixtures to that
/// ("address already in use"). Ports below the range are never given to outgoing connections.
/// The range is cut into blocks, and a process hands out ports only from blocks it has claimed. A claim is an exclusive
/// lock on a file in the temp folder (<c>sc-test-ports/block-N.lock</c>), held until the process exits, when the
/// kernel drops it. So test projects running side by side, and the perf tool they start, never pick the same port
/// (a pick-by-process-id scheme collided in CI when a perf soak took a port the integration tests had handed out).
/// A port something else listens on is skipped. Linked as source into each test project that needs it and into
/// perf/SmartCustoms.Perf.
/// </summary>
internal static class TestPorts
{
    private const int First = 12000;
    private const int BlockSize = 200;
    private const int Blocks = 100; // 12000–31999, below 32768
    private static readonly Lock Gate = new();
    private static readonly List<FileStream> Claims = [];
    private static int _blockStart;
    private static int _offset = BlockSize;

    /// <summary>A port nothing listens on now, never handed out before by this or another process using this class.</summary>
    public static int Next()
    {
        lock (Gate)
        {
            for (var tries = 0; tries < Blocks * BlockSize; tries++)
            {
                if (_offset >= BlockSize)
                {
                    ClaimBlock();
                }

                var port = _blockStart + _offset++;
                if (IsFree(port))
                {
                    return port;
                }
            }
        }

        throw new InvalidOperationException($"no free TCP port in {First}–{First + (Blocks * BlockSize) - 1}");
    }

    private static void ClaimBlock()
    {
        var folder = Path.Combine(Path.GetTempPath(), "sc-test-ports");
        Directory.CreateDirectory(folder);
        for (var i = 0; i < Blocks; i++)
        {
            var block = (Environment.ProcessId + Claims.Count + i) % Blocks;
            try
            {
                // FileShare.None takes an exclusive flock on Linux; a block another process holds throws here.
                var claim = new FileStream(Path.Combine(folder, $"block-{block}.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                Claims.Add(claim);
                _blockStart = First + (block * BlockSize);
                _offset = 0;
                return;
            }
            catch (IOException)
            {
                // Claimed by another process (or by this one already): try the next block.
            }
            catch (UnauthorizedAccessException)
            {
                // A lock file left by another user: not ours to use.
            }
        }

        throw new InvalidOperationException($"every block of test ports in {First}–{First + (Blocks * BlockSize) - 1} is claimed by another process ({folder})");
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
