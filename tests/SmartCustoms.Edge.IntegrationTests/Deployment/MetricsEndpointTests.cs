using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SmartCustoms.Edge.IntegrationTests.Infrastructure;

namespace SmartCustoms.Edge.IntegrationTests.Deployment;

/// <summary>
/// <c>/metrics</c> of a simulated gateway process: the series operations rely on are there with plausible
/// values, and every series the Grafana dashboard (deploy/grafana) queries is one the gateway exposes.
/// </summary>
public sealed partial class MetricsEndpointTests(ScrapedGatewayFixture gateway) : IClassFixture<ScrapedGatewayFixture>
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(90);

    public static string DashboardPath => Path.Combine(RepositoryPaths.Root, "deploy", "grafana", "smartcustoms-edge.json");

    [Fact]
    public async Task Metrics_has_the_operations_series_with_plausible_values()
    {
        // Wait until the lane has done some of everything: spectra classified, frames seen, events acknowledged.
        var samples = await gateway.ScrapeUntilAsync(s =>
            Value(s, "sc_nir_spectra_total") > 0 &&
            Value(s, "sc_nir_inference_duration_seconds_count") > 0 &&
            Value(s, "sc_camera_frames_total") > 0 &&
            Value(s, "sc_mqtt_acked_total") > 0, Within);

        var health = samples.Where(s => s.Name == "sc_device_health").ToList();
        Assert.Equal(
            ["camera", "laneio", "nir", "radiation", "sampler", "scale"],
            health.Select(h => h.Label("device")).Order(StringComparer.Ordinal).ToArray());
        Assert.All(health, h => Assert.True(h.Value is 0 or 1 or 2, $"{h.Label("device")} health {h.Value}"));
        Assert.Equal(0, health.Single(h => h.Label("device") == "nir").Value);

        Assert.Equal("nir", samples.First(s => s.Name == "sc_nir_spectra_total").Label("device"));
        Assert.Equal("camera", samples.First(s => s.Name == "sc_camera_frames_total").Label("device"));
        // Every spectrum received is classified in bursts: the model cannot have classified more than arrived.
        Assert.InRange(Value(samples, "sc_nir_classified_total"), 1, Value(samples, "sc_nir_spectra_total"));

        var count = Value(samples, "sc_nir_inference_duration_seconds_count");
        var mean = Value(samples, "sc_nir_inference_duration_seconds_sum") / count;
        Assert.InRange(mean, 1e-6, 1.0);
        var buckets = samples.Where(s => s.Name == "sc_nir_inference_duration_seconds_bucket").ToList();
        Assert.Contains(buckets, b => b.Label("le") == "0.005");
        Assert.Equal(count, buckets.Single(b => b.Label("le") == "+Inf").Value);

        Assert.InRange(Value(samples, "sc_mqtt_pending"), 0, 1_000_000);
        Assert.Equal(1, Value(samples, "sc_mqtt_connected"));

        var used = Value(samples, "sc_store_disk_usage_bytes");
        Assert.InRange(used, 1, Value(samples, "sc_store_disk_budget_bytes"));
        Assert.True(Value(samples, "sc_store_disk_free_bytes") > 0);
        Assert.Equal(0, Value(samples, "sc_store_over_budget"));
    }

    [Fact]
    public async Task Segment_verdicts_store_their_evidence_and_no_evidence_fails()
    {
        // A clear segment keeps counts, model and calibration but no frame; its evidence must still be stored.
        var samples = await gateway.ScrapeUntilAsync(s =>
            s.Any(x => x.Name == "sc_evidence_saved_total" && x.Label("kind") == "segment" && x.Value > 0), Within);

        var failures = samples.Where(x => x.Name == "sc_evidence_failures_total").ToList();
        Assert.All(failures, f => Assert.True(f.Value == 0, $"{f.Value} {f.Label("kind")} evidence records failed"));
    }

    [Fact]
    public async Task Frame_and_spectrum_counters_grow_between_scrapes()
    {
        var first = await gateway.ScrapeUntilAsync(s => Value(s, "sc_camera_frames_total") > 0 && Value(s, "sc_nir_spectra_total") > 0, Within);

        var second = await gateway.ScrapeUntilAsync(s =>
            Value(s, "sc_camera_frames_total") > Value(first, "sc_camera_frames_total") &&
            Value(s, "sc_nir_spectra_total") > Value(first, "sc_nir_spectra_total"), Within);

        Assert.True(Value(second, "sc_camera_frames_total") > Value(first, "sc_camera_frames_total"));
    }

    [Fact]
    public async Task Every_series_the_dashboard_queries_is_exposed()
    {
        var dashboard = JsonNode.Parse(await File.ReadAllTextAsync(DashboardPath))!;
        var expressions = dashboard["panels"]!.AsArray()
            .SelectMany(p => p!["targets"]!.AsArray())
            .Select(t => (string)t!["expr"]!)
            .ToList();
        Assert.True(expressions.Count >= 10, "the dashboard has too few queries: " + expressions.Count);
        var queried = expressions.SelectMany(e =>
            {
                var names = SeriesName().Matches(e).Select(m => m.Value).ToList();
                Assert.True(names.Count > 0, "query names no sc_ series: " + e);
                return names;
            })
            .ToHashSet(StringComparer.Ordinal);

        var samples = await gateway.ScrapeUntilAsync(s => Value(s, "sc_nir_inference_duration_seconds_count") > 0 && Value(s, "sc_mqtt_acked_total") > 0, Within);
        var exposed = samples.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        var declaredCounters = DeclaredEventCounters();

        // A counter is exported from its first increment on; counters of faults (dropped frames, bad replies)
        // are zero on a healthy simulated lane. Those must at least be declared by a meter that /metrics exports.
        var missing = queried.Where(name => !exposed.Contains(name) && !declaredCounters.Contains(name)).ToList();
        Assert.True(missing.Count == 0, "dashboard queries series that /metrics does not have: " + string.Join(", ", missing) +
            "\nexposed: " + string.Join(", ", exposed.Order(StringComparer.Ordinal)));
        // The fallback must stay the exception, not the rule.
        Assert.True(queried.Count(exposed.Contains) >= queried.Count - 4,
            "too many dashboard series are absent on a running lane: " + string.Join(", ", queried.Where(q => !exposed.Contains(q))));
    }

    [Fact]
    public async Task Every_counter_is_exposed_before_its_first_event()
    {
        // Fault counters stay at 0 on the clean simulated lane: they are there only because they start at 0.
        var declared = DeclaredEventCounters();
        var samples = await gateway.ScrapeUntilAsync(s => declared.All(name => s.Any(x => x.Name == name)), Within);

        Assert.Equal(0, samples.Single(s => s.Name == "sc_nir_bad_replies_total").Value);
        Assert.Equal("nir", samples.Single(s => s.Name == "sc_nir_bad_replies_total").Label("device"));
        Assert.Equal(
            ["Critical", "High", "Normal"],
            samples.Where(s => s.Name == "sc_store_refused_total").Select(s => s.Label("priority")).Order(StringComparer.Ordinal).ToArray());
        Assert.All(samples.Where(s => s.Name == "sc_store_refused_total"), s => Assert.Equal(0, s.Value));
        Assert.Contains(samples, s => s.Name == "sc_mqtt_commands_total" && s.Label("result") == "malformed");

        // The visual detector's frames (GET /api/camera/camera visual.framesDetected) on the camera's device label.
        Assert.Contains(samples, s => s.Name == "sc_visual_frames_total" && s.Label("device") == "camera");
        Assert.Contains(samples, s => s.Name == "sc_visual_frames_skipped_total" && s.Label("device") == "camera");
    }

    private static double Value(IReadOnlyList<PrometheusSample> samples, string name) =>
        samples.Where(s => s.Name == name).Select(s => s.Value).DefaultIfEmpty(double.NaN).Sum();

    /// <summary>Counters ("sc.x.y" → sc_x_y_total) declared in the sources of the meters the gateway exports.</summary>
    private static HashSet<string> DeclaredEventCounters()
    {
        string[] files =
        [
            "drivers/SmartCustoms.Drivers.Camera/Frames/CameraMetrics.cs",
            "drivers/SmartCustoms.Drivers.Spectrometer/Nir/SpectrometerMetrics.cs",
            "edge/SmartCustoms.Edge.Messaging/MessagingMetrics.cs",
            "edge/SmartCustoms.Edge.Storage/StorageMetrics.cs",
            "edge/SmartCustoms.Edge/Observability/GatewayMetrics.cs",
        ];
        return files
            .SelectMany(f => CounterDeclaration().Matches(File.ReadAllText(Path.Combine(RepositoryPaths.Root, f))))
            .Select(m => m.Groups[1].Value.Replace('.', '_') + "_total")
            .ToHashSet(StringComparer.Ordinal);
    }

    [GeneratedRegex(@"\bsc_[a-z0-9_]+\b")]
    private static partial Regex SeriesName();

    // Only units in braces ({frame}) or none: a unit like "By" would add a suffix to the exported name.
    [GeneratedRegex(@"CreateCounter<long>\(""(sc\.[a-z0-9_.]+)"",\s*""\{[a-z]+\}""")]
    private static partial Regex CounterDeclaration();
}
