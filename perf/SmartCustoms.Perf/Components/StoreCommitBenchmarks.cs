using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SmartCustoms.Edge.Storage;

namespace SmartCustoms.Perf.Components;

/// <summary>
/// Durable commits of the gateway's event store (LiteDB + fsync, group commit): one append awaited alone, and
/// 50 appends in flight at once (one commit group). Measured on this machine's temp file system.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "BenchmarkDotNet owns the instance; [GlobalCleanup] disposes it.")]
public class StoreCommitBenchmarks
{
    private string _folder = string.Empty;
    private LiteDbEventStore? _store;
    private EventDraft _draft = EventDraft.ForEvent("bench", null);

    [GlobalSetup]
    public void Setup()
    {
        _folder = PerfPaths.NewTempFolder("sc-perf-store-");
        _store = new LiteDbEventStore(Options.Create(new StorageOptions { Path = _folder, Site = "perf", Lane = "lane1" }), TimeProvider.System, NullLogger<LiteDbEventStore>.Instance);
        _draft = EventDraft.ForEvent("detection", new JsonObject { ["device"] = "nir", ["material"] = "pe", ["peakProbability"] = 0.97, ["spectra"] = 12 });
    }

    [Benchmark]
    public async Task<long> AppendOne() => (await _store!.AppendAsync(_draft)).Seq;

    [Benchmark(OperationsPerInvoke = 50)]
    public async Task AppendFiftyConcurrently() => await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => _store!.AppendAsync(_draft)));

    [GlobalCleanup]
    public void Cleanup()
    {
        _store?.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
