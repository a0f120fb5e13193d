using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace SmartCustoms.Edge.EndToEndTests;

/// <summary>
/// The live view keeps up with the <c>contaminated</c> scenario without growing the gateway's memory: a lane view
/// stays open in Chromium (signed in, a lot running, camera video and stream live) while the gateway's resident
/// set (<c>/proc</c>) and managed heap (<c>/ui/diagnostics</c>) and the page's JS heap are sampled every 5 s.
/// CI runs it for 45 s (keeps up, no drops, bounded heaps); <c>SC_UI_SOAK_SECONDS=600</c> runs the 10-minute
/// check, which also compares the first and last thirds for growth. Figures go to the test output and to
/// <c>artifacts/ui-soak.csv</c>.
/// </summary>
[Collection(OneGatewayAtATime.Name)]
public sealed class LiveViewSoakTests(BrowserFixture browser, ITestOutputHelper output) : IClassFixture<BrowserFixture>
{
    private const int DefaultSeconds = 45;

    /// <summary>Runs at least this long also check growth (a shorter run cannot tell growth from warm-up).</summary>
    private const int LongRunSeconds = 300;

    /// <summary>Managed heap trough growth allowed between the first and the last third of a long run.</summary>
    private const long AllowedHeapGrowthBytes = 32L * 1024 * 1024;

    /// <summary>Resident set growth allowed between the first and the last third of a long run (native pools settle).</summary>
    private const long AllowedRssGrowthBytes = 64L * 1024 * 1024;

    /// <summary>The gateway's managed heap never exceeds this (peaks of the GC sawtooth included).</summary>
    private const long MaxHeapBytes = 256L * 1024 * 1024;

    /// <summary>The lane view's JavaScript heap never exceeds this.</summary>
    private const long MaxPageHeapBytes = 64L * 1024 * 1024;

    [Fact]
    public async Task Lane_view_keeps_up_with_the_contaminated_scenario_without_growing_memory()
    {
        var seconds = int.TryParse(Environment.GetEnvironmentVariable("SC_UI_SOAK_SECONDS"), NumberStyles.None, CultureInfo.InvariantCulture, out var s) && s > 0 ? s : DefaultSeconds;
        await using var gateway = await SimulatedGateway.StartAsync("contaminated");
        var page = await PanelPages.SignedInAsync(browser.Browser, gateway, "operator", SimulatedGateway.OperatorPin);
        var start = await page.Context.APIRequest.PostAsync(gateway.Url + "/ui/commands/start-lot", new()
        {
            DataObject = new Dictionary<string, object> { ["lotId"] = "LOT-SOAK", ["declarationNumber"] = "DEC-SOAK", ["vessel"] = "MV Soak", ["declaredBrand"] = "Pilbara Blend fines", ["declaredMassTonnes"] = 500000, ["hsCode"] = "2601110000" },
        });
        Assert.Equal(200, start.Status);
        await Expect(page.Locator("#lot-id")).ToHaveTextAsync("LOT-SOAK", new() { Timeout = 15_000 });
        await page.WaitForFunctionAsync("() => document.getElementById('camera-img')?.naturalWidth > 0", null, new() { Timeout = 15_000 });

        var samples = new List<Sample>();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var next = TimeSpan.Zero;
        while (clock.Elapsed < TimeSpan.FromSeconds(seconds))
        {
            if (clock.Elapsed >= next)
            {
                samples.Add(await SampleAsync(gateway, page, clock.Elapsed));
                next += TimeSpan.FromSeconds(5);
            }

            // Keep the panel's session alive like a touch would, and let the page work meanwhile.
            await page.WaitForTimeoutAsync(1000);
        }

        samples.Add(await SampleAsync(gateway, page, clock.Elapsed));
        Report(samples, seconds);

        // Keeping up: the page shows the store's latest events (within what arrives in about one second).
        var last = samples[^1];
        Assert.True(last.GatewaySeq - last.PageSeq <= 200, $"the page is behind: page seq {last.PageSeq}, gateway seq {last.GatewaySeq}");
        Assert.True(last.GatewaySeq > samples[0].GatewaySeq, "events kept flowing during the run");
        Assert.Equal(1, last.OpenStreams);
        Assert.Equal(0, last.Dropped);

        // Bounded at every moment, gateway and page.
        Assert.True(samples.Max(x => x.HeapBytes) < MaxHeapBytes, $"managed heap reached {Mb(samples.Max(x => x.HeapBytes))}");
        Assert.True(samples.Max(x => x.PageHeapBytes) < MaxPageHeapBytes, $"the page's JS heap reached {Mb(samples.Max(x => x.PageHeapBytes))}");

        // Not growing: only a long run can tell growth from warm-up (JIT, LiteDB and ONNX caches fill during the
        // first minutes). After the first 20 %, compare the first and the last third: the managed heap's troughs
        // (after collections; the sawtooth's peaks only say when the GC ran) and the resident set's medians.
        if (seconds >= LongRunSeconds)
        {
            var steady = samples.Skip(samples.Count / 5).ToList();
            var third = Math.Max(1, steady.Count / 3);
            var heapEarly = steady.Take(third).Min(x => x.HeapBytes);
            var heapLate = steady.TakeLast(third).Min(x => x.HeapBytes);
            var rssEarly = Median(steady.Take(third).Select(x => x.RssBytes));
            var rssLate = Median(steady.TakeLast(third).Select(x => x.RssBytes));
            output.WriteLine($"heap troughs {Mb(heapEarly)} → {Mb(heapLate)}, resident set medians {Mb(rssEarly)} → {Mb(rssLate)}");
            Assert.True(heapLate - heapEarly < AllowedHeapGrowthBytes, $"managed heap troughs grew from {Mb(heapEarly)} to {Mb(heapLate)}");
            Assert.True(rssLate - rssEarly < AllowedRssGrowthBytes, $"resident set grew from {Mb(rssEarly)} to {Mb(rssLate)}");
        }
    }

    private static async Task<Sample> SampleAsync(SimulatedGateway gateway, Microsoft.Playwright.IPage page, TimeSpan at)
    {
        var diagnostics = await gateway.DiagnosticsAsync();
        var events = await gateway.Http.GetStringAsync(gateway.Url + "/api/events?afterSeq=0&limit=1");
        var gatewaySeq = long.Parse(Regex.Match(events, "\"lastSeq\":(\\d+)").Groups[1].Value, CultureInfo.InvariantCulture);
        var pageSeqText = await page.Locator("#last-seq").TextContentAsync() ?? string.Empty;
        var pageSeq = Regex.Match(pageSeqText, "\\d+") is { Success: true } m ? long.Parse(m.Value, CultureInfo.InvariantCulture) : 0;
        var pageHeap = await page.EvaluateAsync<double>("() => performance.memory ? performance.memory.usedJSHeapSize : 0");
        var dropped = await page.Locator("#event-list li", new() { HasText = "events skipped" }).CountAsync();
        return new Sample(at, gateway.ResidentBytes(), diagnostics.GetProperty("managedHeapBytes").GetInt64(), diagnostics.GetProperty("gen2Collections").GetInt32(),
            diagnostics.GetProperty("openStreams").GetInt32(), gatewaySeq, pageSeq, (long)pageHeap, dropped);
    }

    private void Report(List<Sample> samples, int seconds)
    {
        var csv = new StringBuilder("seconds,rss_mb,managed_heap_mb,gen2,open_streams,gateway_seq,page_seq,page_js_heap_mb\n");
        foreach (var x in samples)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{x.At.TotalSeconds:0},{x.RssBytes / 1048576.0:0.0},{x.HeapBytes / 1048576.0:0.0},{x.Gen2},{x.OpenStreams},{x.GatewaySeq},{x.PageSeq},{x.PageHeapBytes / 1048576.0:0.0}\n");
        }

        output.WriteLine($"live view soak, {seconds} s, contaminated scenario:\n{csv}");
        var dir = Path.Combine(RepositoryPaths.Root, "artifacts");
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "ui-soak.csv"), csv.ToString());
    }

    private static long Median(IEnumerable<long> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }

    private static string Mb(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1048576.0:0.0} MB");

    private sealed record Sample(TimeSpan At, long RssBytes, long HeapBytes, int Gen2, int OpenStreams, long GatewaySeq, long PageSeq, long PageHeapBytes, int Dropped);
}
