using System.Diagnostics;
using SmartCustoms.Edge.Ui.Stream;

namespace SmartCustoms.Edge.Ui.Hosting;

/// <summary>
/// <c>GET /ui/diagnostics</c>: the gateway process's memory (resident set, managed heap after the last GC,
/// collections) and the open live streams, so a soak test can watch the live view for growth from outside.
/// </summary>
internal static class PanelDiagnostics
{
    public static object Read(LaneStreamClients clients)
    {
        using var process = Process.GetCurrentProcess();
        var gc = GC.GetGCMemoryInfo();
        return new
        {
            workingSetBytes = process.WorkingSet64,
            managedHeapBytes = gc.HeapSizeBytes,
            managedAllocatedNowBytes = GC.GetTotalMemory(forceFullCollection: false),
            gen0Collections = GC.CollectionCount(0),
            gen1Collections = GC.CollectionCount(1),
            gen2Collections = GC.CollectionCount(2),
            openStreams = clients.Open,
            streamsServed = clients.Served,
            threads = process.Threads.Count,
        };
    }
}
