using System.Text.Json;
using SmartCustoms.Simulators.World;
using Xunit.Abstractions;

namespace SmartCustoms.Edge.IntegrationTests.Scenarios;

/// <summary>
/// The issue's targets, end to end: gateway process with --simulate, real sockets, real mosquitto, truth from the
/// simulator's control API. One at a time (a collection): each runs the gateway at full rate on a 2-core machine.
/// Figures go to the test output and to artifacts/scenarios/.
/// </summary>
[Collection(LaneScenarioGroup.Name)]
public sealed class LaneScenarioTests(ITestOutputHelper output)
{
    private const string DeclaredBrand = "Pilbara Blend fines";

    [Fact]
    public async Task Clean_ore_gives_no_contaminated_segment_and_a_clear_lot()
    {
        await using var run = await LaneScenarioRun.StartAsync(LaneScenarios.Clean, seed: 1);
        var seconds = ScenarioDurations.CleanSeconds;
        await run.StartLotAsync(DeclaredBrand);
        await run.RunAsync(seconds);
        await run.EndLotAsync();
        var figures = new ScenarioFigures(run, await run.TruthAsync(), seconds);
        figures.Line($"{CameraFrameLog.SpotSummary(CameraFrameLog.Parse(run.GatewayOutput))}");
        output.WriteLine(figures.Save());

        Assert.True(figures.LotSegments.Count >= (seconds * 5 / 10) - 3, $"only {figures.LotSegments.Count} segments judged in {seconds} s");
        Assert.Equal(0, figures.Count("contaminated"));
        Assert.Equal("clear", figures.LotVerdict);
        Assert.DoesNotContain(run.Events.Events("alarm"), m => m.Data.GetProperty("alarm").GetProperty("type").GetString() == "contamination");
    }

    [Fact]
    public async Task Contaminated_ore_flags_the_items_in_their_segments_and_the_cuts_take_them()
    {
        await using var run = await LaneScenarioRun.StartAsync(LaneScenarios.Contaminated, seed: 7);
        var seconds = ScenarioDurations.ContaminatedSeconds;
        await run.StartLotAsync(DeclaredBrand);
        await run.CalibrateAsync();
        await run.RunAsync(seconds);
        await run.EndLotAsync();
        var figures = new ScenarioFigures(run, await run.TruthAsync(), seconds);
        figures.RefineOffset();

        var items = figures.LotItems();
        var nirVisible = items.Where(i => i.NirVisible).ToList();
        var substantial = nirVisible.Where(i => i.NirStripShare >= ScenarioFigures.SubstantialStripShare).ToList();

        // The NIR path's own check counts the organics (plastic, rubber, cellulose, other organic), which NIR identifies
        // by their absorption bands. Bare steel has no band of its own in 1,050-1,850 nm (the spectral model card's
        // weakest class, an open gap of issue 5): scrap metal is reported on its own line, and judged with every other
        // item by the lane's item target below.
        var substantialOrganic = substantial.Where(i => i.Class != "metal").ToList();
        var substantialMetal = substantial.Where(i => i.Class == "metal").ToList();
        var cameraOnly = items.Where(i => !i.NirVisible).ToList();
        foreach (var item in substantial.Where(i => !figures.FlaggedInItsSegment(i, ScenarioFigures.SpectralFindings)))
        {
            var segment = figures.LotSegments.FirstOrDefault(s => s.Contains(figures.GatewayCoordinate(item), 0));
            figures.Line($"  {item.Id} at gateway {figures.GatewayCoordinate(item):0.00} m (NIR at lane {item.AtNirS:0.00} s): segment {segment?.Number} {segment?.Verdict} [{string.Join(", ", segment?.Findings ?? [])}]");
        }

        figures.Recall("NIR-visible items ≥ 5 cm covering ≥ 20 % of the NIR strip", substantial, ScenarioFigures.SpectralFindings, "NIR spectra");
        figures.Recall("of them scrap metal (no NIR band of its own; not in the NIR check)", substantialMetal, ScenarioFigures.SpectralFindings, "NIR spectra");
        figures.Recall("NIR-visible items ≥ 5 cm (any overlap with the NIR strip, /truth inNirFootprint)", nirVisible, ScenarioFigures.SpectralFindings, "NIR spectra");
        figures.Recall("camera-only items ≥ 5 cm (carbon black, or off the NIR strip)", cameraOnly, ScenarioFigures.VisualFindings, "camera detections");
        figures.Recall("camera-only items ≥ 5 cm", cameraOnly, null, "any evidence (often another item in the same 10 m segment)");
        figures.Recall("all exposed items ≥ 5 cm", items, null, "any evidence");
        ExplainCameraMisses(run, figures, items, cameraOnly);
        var flagged = figures.LotSegments.Where(s => s.Flagged).ToList();
        var empty = flagged.Where(s => !figures.Items.Any(i => i.Exposed && s.Contains(figures.GatewayCoordinate(i), ScenarioFigures.SegmentTolerance))).ToList();
        figures.Line($"flagged segments with no exposed item of any size (false flags): {empty.Count} of {flagged.Count}{(empty.Count > 0 ? ": " + string.Join(", ", empty.Select(s => $"{s.Number} {s.Verdict} [{string.Join('/', s.Findings)}]")) : string.Empty)}");
        var cuts = figures.TriggeredCuts();

        // The targets, held honestly for the counts this run has (TargetCheck): a short CI run can only refute them;
        // a long run (SC_SCENARIO_MINUTES) must reach them.
        var failures = new List<string?>
        {
            TargetCheck.Check("exposed items ≥ 5 cm flagged in their segment (any evidence; issue 6's item target)",
                items.Count(i => figures.FlaggedInItsSegment(i)), items.Count, 0.95, ScenarioDurations.IsLongRun, out var itemSummary),
            TargetCheck.Check("NIR-visible organic items ≥ 5 cm (≥ 20 % of the strip) flagged by NIR spectra in their segment",
                substantialOrganic.Count(i => figures.FlaggedInItsSegment(i, ScenarioFigures.SpectralFindings)), substantialOrganic.Count, 0.95, ScenarioDurations.IsLongRun, out var nirSummary),
            TargetCheck.Check("triggered cuts intercepting their item (all aims)", cuts.Intercepted, cuts.Taken, 0.90, ScenarioDurations.IsLongRun, out var cutSummary),
        };
        figures.Line($"{itemSummary}");
        figures.Line($"{nirSummary}");
        figures.Line($"{cutSummary}");
        output.WriteLine(figures.Save());

        Assert.True(substantialOrganic.Count >= 3, $"the run holds only {substantialOrganic.Count} NIR-visible organic items; pick another seed");
        Assert.True(cuts.Taken >= 3, $"only {cuts.Taken} triggered cuts were taken\n{figures.Text}");
        Assert.True(failures.All(f => f is null), string.Join("\n", failures.Where(f => f is not null)) + "\n" + figures.Text);
        Assert.Contains(figures.LotVerdict, new[] { "hold", "suspect" });
        Assert.Contains(run.Events.Events("alarm"), m => m.Data.GetProperty("alarm").GetProperty("type").GetString() == "contamination");
    }

    /// <summary>The camera's side of every missed item (diagnostics for the report; asserts nothing).</summary>
    private static void ExplainCameraMisses(LaneScenarioRun run, ScenarioFigures figures, IReadOnlyList<TruthItem> items, IReadOnlyList<TruthItem> cameraOnly)
    {
        // The raw per-frame lines, for looking at one item by hand (a temp file: ~0.5 MB per 5 minutes, not an artifact).
        var frameLog = Path.Combine(Path.GetTempPath(), $"sc-{run.Scenario}-{figures.LaneSeconds:0}s-{run.LotId}.visual-frames.log");
        File.WriteAllLines(frameLog, run.GatewayOutput.Split('\n').Where(l => l.Contains("visual-frame", StringComparison.Ordinal)));
        figures.Line($"per-frame detections: {frameLog}");
        var anatomy = new CameraMissAnatomy(figures, CameraFrameLog.Parse(run.GatewayOutput), new SmartCustoms.Edge.Core.Options.VerdictOptions().VisualSuspectScore);
        figures.Line($"{anatomy.Summary("all exposed items ≥ 5 cm", items)}");
        figures.Line($"{anatomy.Summary("camera-only items ≥ 5 cm", cameraOnly)}");
        figures.Line($"{CameraFrameLog.SpotSummary(CameraFrameLog.Parse(run.GatewayOutput))}");
        var missed = items.Where(i => !figures.FlaggedInItsSegment(i) || (cameraOnly.Contains(i) && !figures.FlaggedInItsSegment(i, ScenarioFigures.VisualFindings))).ToList();
        figures.Line($"camera anatomy of the {missed.Count} items missed by any evidence, or camera-only and not flagged by the camera:");
        foreach (var item in missed)
        {
            figures.Line($"  {anatomy.Explain(item)}");
        }
    }

    [Fact]
    public async Task A_radioactive_source_raises_the_radiation_alarm_within_2_s_of_passing()
    {
        // A seed whose first source passes the monitor 30-70 s into the run (read from the world model, as the
        // simulator would generate it; the gateway knows nothing of it).
        var (seed, passesAtS) = LaneScenarioGroup.SeedWithSourceBetween(30, 70);
        await using var run = await LaneScenarioRun.StartAsync(LaneScenarios.Radioactive, seed);
        await run.StartLotAsync(DeclaredBrand);
        var alarm = await run.Events.WaitForAsync(
            m => m.Topic.EndsWith("/event/alarm", StringComparison.Ordinal) && m.Event == "raised"
                && m.Data.GetProperty("alarm").GetProperty("type").GetString() == "radiation",
            TimeSpan.FromSeconds(passesAtS + 60), "a radiation alarm");
        await run.RunAsync(Math.Max(5, passesAtS + 3 - run.LotStartLaneS));
        await run.EndLotAsync();
        var truth = await run.TruthAsync();
        var figures = new ScenarioFigures(run, truth, run.LotEndLaneS - run.LotStartLaneS);

        var source = truth.GetProperty("radiationSources").EnumerateArray()
            .First(s => s.GetProperty("radiation").GetProperty("passed").GetBoolean());
        var passedAt = source.GetProperty("radiation").GetProperty("utc").GetDateTimeOffset();
        var raisedAt = alarm.Data.GetProperty("alarm").GetProperty("raisedAt").GetDateTimeOffset();
        var after = (raisedAt - passedAt).TotalSeconds;
        figures.Line($"source {source.GetProperty("id").GetString()} ({source.GetProperty("nuclide").GetString()}, peak {source.GetProperty("peakDoseRateNSvH").GetDouble():0} nSv/h) passed the monitor at lane {source.GetProperty("radiation").GetProperty("laneS").GetDouble():0.0} s; radiation alarm raised {after:+0.00;-0.00} s from its passing, received over MQTT {(alarm.ReceivedAt - passedAt).TotalSeconds:+0.00;-0.00} s");
        // One source is filed where its dose peaked: one segment, two when it lies within the tolerance of a boundary.
        var passed = truth.GetProperty("radiationSources").EnumerateArray().Count(s => s.GetProperty("radiation").GetProperty("passed").GetBoolean());
        var marked = figures.LotSegments.Where(s => s.Findings.Any(f => f.StartsWith("radiation-", StringComparison.Ordinal))).ToList();
        figures.Line($"sources passed {passed}; segments with radiation findings {marked.Count}: {string.Join(", ", marked.Select(s => $"{s.Number} {s.Verdict} [{string.Join('/', s.Findings)}]"))}");
        output.WriteLine(figures.Save());

        Assert.InRange(marked.Count, 1, 2 * passed);
        Assert.InRange(after, -10, 2);
        Assert.Equal("hold", figures.LotVerdict);
        Assert.Contains("radiation-alarm", figures.LotReasons);
    }

    [Fact]
    public async Task Ore_of_another_brand_is_flagged_as_a_brand_mismatch()
    {
        await using var run = await LaneScenarioRun.StartAsync(LaneScenarios.Mismatch, seed: 3);
        await run.StartLotAsync(DeclaredBrand);
        var finding = await run.Events.WaitForAsync(
            m => m.Topic.EndsWith("/event/brand", StringComparison.Ordinal) && m.Data.GetProperty("state").GetString() == "mismatch",
            TimeSpan.FromSeconds(ScenarioDurations.MismatchSeconds + 30), "a brand mismatch finding");
        await run.RunAsync(ScenarioDurations.MismatchSeconds);
        await run.EndLotAsync();
        var truth = await run.TruthAsync();
        var figures = new ScenarioFigures(run, truth, ScenarioDurations.MismatchSeconds);
        figures.Line($"declared {truth.GetProperty("declaredBrand").GetProperty("name").GetString()}, on the belt {truth.GetProperty("actualBrand").GetProperty("name").GetString()}: {finding.Data.GetProperty("message").GetString()}");
        output.WriteLine(figures.Save());

        Assert.NotEqual(truth.GetProperty("declaredBrand").GetProperty("id").GetString(), truth.GetProperty("actualBrand").GetProperty("id").GetString());
        Assert.Contains(run.Events.Events("alarm"), m => m.Data.GetProperty("alarm").GetProperty("type").GetString() == "brandMismatch");
        Assert.Contains("brand-mismatch", figures.LotReasons);
        Assert.Contains(figures.LotVerdict, new[] { "suspect", "hold" });
    }
}
