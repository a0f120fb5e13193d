using System.Globalization;

namespace SmartCustoms.Edge.IntegrationTests.Scenarios;

/// <summary>
/// Why an exposed item was not flagged, from the camera's side: was a frame run on the detector while it was in view,
/// did the detector see it (at any score over its own threshold), was the sighting reported to the lane or taken for
/// another item's continuation, at which score, and where on the belt the lane put it. Reads the gateway's per-frame
/// diagnostics (<see cref="CameraFrameLog"/>) against <c>/truth</c>; pure computation for the scenario report.
/// </summary>
public sealed class CameraMissAnatomy(ScenarioFigures figures, IReadOnlyList<CameraFrameLog> frames, double suspectScore)
{
    /// <summary>The frames run on the detector while any part of the item was in view.</summary>
    public IReadOnlyList<CameraFrameLog> FramesWith(TruthItem item)
    {
        var g = figures.GatewayCoordinate(item);
        return [.. frames.Where(f => double.IsFinite(f.ReferenceMetres) && Math.Abs(f.ReferenceMetres - g) <= CameraFrameLog.HalfViewAlongM + (item.SizeM / 2))];
    }

    /// <summary>Sightings of the item: boxes whose centre lies where the item was in that frame (coordinate mapping slack included).</summary>
    public IReadOnlyList<(CameraFrameLog Frame, CameraFrameLog.Sighting Sighting)> SightingsOf(TruthItem item)
    {
        var g = figures.GatewayCoordinate(item);
        var along = Math.Max(0.2, (item.SizeM / 2) + 0.1);
        var across = Math.Max(0.15, (Math.Max(item.SizeM, item.WidthM) / 2) + 0.05);
        return [.. FramesWith(item).SelectMany(f => f.Items.Select(s => (Frame: f, Sighting: s)))
            .Where(x => Math.Abs(x.Sighting.CoordinateOn(x.Frame) - g) <= along && Math.Abs(x.Sighting.AcrossM - item.AcrossOffsetM) <= across)];
    }

    /// <summary>One line per item: material, size, frames in view, sightings (best score), what was reported, where, and the cause.</summary>
    public string Explain(TruthItem item)
    {
        var g = figures.GatewayCoordinate(item);
        var inView = FramesWith(item);
        var sightings = SightingsOf(item);
        var segment = figures.LotSegments.FirstOrDefault(s => s.Contains(g, 0));
        var head = string.Create(CultureInfo.InvariantCulture,
            $"{item.Id} {item.Material} {item.SizeM * 100:0} cm (across {item.AcrossOffsetM:+0.00;-0.00} m, strip {item.NirStripShare:P0}) at gateway {g:0.00} m, segment {segment?.Number} {segment?.Verdict} [{string.Join('/', segment?.Findings ?? [])}]: {inView.Count} frames in view");
        if (inView.Count == 0)
        {
            return head + " — cause: no detector frame while in view (frame-rate policy)";
        }

        var times = string.Create(CultureInfo.InvariantCulture, $" (t {inView[0].Seconds:0.000}-{inView[^1].Seconds:0.000} s, along {inView[0].ReferenceMetres - g:+0.00;-0.00}..{inView[^1].ReferenceMetres - g:+0.00;-0.00} m)");
        if (sightings.Count == 0)
        {
            var nearest = inView.SelectMany(f => f.Items.Select(s => (f, s))).OrderBy(x => Math.Abs(x.s.CoordinateOn(x.f) - g) + Math.Abs(x.s.AcrossM - item.AcrossOffsetM)).FirstOrDefault();
            var near = nearest.s is null ? "no detections in those frames"
                : string.Create(CultureInfo.InvariantCulture, $"nearest detection {nearest.s.Class} {nearest.s.Score:0.00} {nearest.s.SizeCm:0} cm at {nearest.s.CoordinateOn(nearest.f) - g:+0.00;-0.00} m along, {nearest.s.AcrossM - item.AcrossOffsetM:+0.00;-0.00} m across");
            return head + times + $"; never detected ({near}) — cause: detector (model)";
        }

        var best = sightings.MaxBy(x => x.Sighting.Score);
        var reported = sightings.Where(x => x.Sighting.Reported).ToList();
        var seen = string.Create(CultureInfo.InvariantCulture,
            $"; seen in {sightings.Select(x => x.Frame.Sequence).Distinct().Count()} (scores {string.Join(',', sightings.Select(x => x.Sighting.Score.ToString("0.00", CultureInfo.InvariantCulture)))}, best {best.Sighting.Class} {best.Sighting.Score:0.00} {best.Sighting.SizeCm:0} cm)");
        if (best.Sighting.Score < suspectScore)
        {
            return head + times + seen + $" — cause: seen only below the suspect score {suspectScore}";
        }

        if (reported.Count == 0)
        {
            return head + times + seen + "; none reported — cause: taken for another item's continuation (BeltItemMemory)";
        }

        var places = reported.Select(x =>
        {
            var c = x.Sighting.CoordinateOn(x.Frame);
            var into = figures.LotSegments.FirstOrDefault(s => s.Contains(c, 0));
            return string.Create(CultureInfo.InvariantCulture, $"{x.Sighting.Score:0.00} at {c - g:+0.00;-0.00} m → segment {into?.Number} {into?.Verdict}");
        });
        var text = head + times + seen + "; reported " + string.Join(", ", places);
        if (reported.All(x => x.Sighting.Score < suspectScore))
        {
            return text + " — cause: reported at a first sighting below the suspect score; better sightings taken as its continuation (BeltItemMemory)";
        }

        return text + " — cause: reported over the suspect score but its segment not flagged (placement / segment rules)";
    }

    /// <summary>Summary over a set of items: how many were in view of a detector frame, seen, and reported over the suspect score.</summary>
    public string Summary(string name, IReadOnlyList<TruthItem> items)
    {
        var inView = items.Count(i => FramesWith(i).Count > 0);
        var seen = items.Count(i => SightingsOf(i).Count > 0);
        var over = items.Count(i => SightingsOf(i).Any(x => x.Sighting.Score >= suspectScore));
        var reportedOver = items.Count(i => SightingsOf(i).Any(x => x.Sighting.Reported && x.Sighting.Score >= suspectScore));
        var frameCounts = items.Select(i => FramesWith(i).Count).Order().ToList();
        var ages = Percentiles.Of(frames.Select(f => f.AgeMs));
        var inference = Percentiles.Of(frames.Select(f => f.InferenceMs));
        var span = frames.Count > 1 ? frames[^1].Seconds - frames[0].Seconds : double.NaN;
        return string.Create(CultureInfo.InvariantCulture,
            $"camera anatomy, {name}: {items.Count} items; in view of ≥ 1 detector frame {inView}, detected in ≥ 1 frame {seen}, detected ≥ {suspectScore} {over}, reported to the lane ≥ {suspectScore} {reportedOver}; detector frames per item median {(frameCounts.Count > 0 ? frameCounts[frameCounts.Count / 2] : 0)} (min {frameCounts.FirstOrDefault()}, max {frameCounts.LastOrDefault()}); detector ran {frames.Count} frames in {span:0} s ({frames.Count / span:0.0}/s); frame age at detection {ages}; inference {inference}");
    }
}
