using System.Globalization;
using System.Text.RegularExpressions;

namespace SmartCustoms.Edge.IntegrationTests.Scenarios;

/// <summary>
/// The gateway's per-frame visual diagnostics (Debug lines <c>visual-frame seq=… t=… ref=… age=… infer=… items=…</c>
/// from the camera's detection loop, enabled by the scenario run): every frame the detector ran on, where the camera's
/// reference line was on the gateway's belt then, and every detection in it, reported to the lane or not.
/// </summary>
public sealed partial record CameraFrameLog(ulong Sequence, double Seconds, double ReferenceMetres, double AgeMs, double InferenceMs, IReadOnlyList<CameraFrameLog.Sighting> Items)
{
    /// <summary>Half the frame's length along the belt (1280×720 over 2.05 m across: 1.153 m along).</summary>
    public const double HalfViewAlongM = 0.577;

    /// <param name="AlongM">Box centre from the reference line, m, downstream positive.</param>
    /// <param name="AcrossM">Box centre across the belt from the image centre, m.</param>
    /// <param name="Reported">The detection loop reported it to the lane (a new item, not a continuation).</param>
    public sealed record Sighting(string Class, double Score, double SizeCm, double AlongM, double AcrossM, bool Reported)
    {
        /// <summary>Where the lane placed (or would place) it: the reference line's coordinate minus the offset.</summary>
        public double CoordinateOn(CameraFrameLog frame) => frame.ReferenceMetres - AlongM;
    }

    /// <summary>
    /// Groups every sighting by where it lies on the belt (placed coordinate within 0.3 m and across within 0.15 m of a
    /// spot's first sighting): one spot = one thing the detector saw, in however many frames. Returns per spot the
    /// number of frames it was seen in and its scores, best first.
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<double>> Spots(IReadOnlyList<CameraFrameLog> frames)
    {
        var spots = new List<(double At, double Across, double LastSeconds, List<double> Scores)>();
        foreach (var frame in frames.Where(f => double.IsFinite(f.ReferenceMetres)))
        {
            foreach (var s in frame.Items)
            {
                var at = s.CoordinateOn(frame);
                var k = spots.FindLastIndex(p => frame.Seconds - p.LastSeconds < 1 && Math.Abs(p.At - at) <= 0.3 && Math.Abs(p.Across - s.AcrossM) <= 0.15);
                if (k < 0)
                {
                    spots.Add((at, s.AcrossM, frame.Seconds, [s.Score]));
                }
                else
                {
                    spots[k].Scores.Add(s.Score);
                    spots[k] = spots[k] with { LastSeconds = frame.Seconds };
                }
            }
        }

        return [.. spots.Select(p => (IReadOnlyList<double>)[.. p.Scores.OrderDescending()])];
    }

    /// <summary>A line for the report: how many spots, how many reach a score, how many were seen in ≥ 2 frames.</summary>
    public static string SpotSummary(IReadOnlyList<CameraFrameLog> frames)
    {
        var spots = Spots(frames);
        var span = frames.Count > 1 ? frames[^1].Seconds - frames[0].Seconds : double.NaN;
        int Count(Func<IReadOnlyList<double>, bool> p) => spots.Count(p);
        return string.Create(CultureInfo.InvariantCulture,
            $"camera spots (detections grouped by belt position): {spots.Count} in {frames.Count} detector frames over {span:0} s ({frames.Count / span:0.0}/s); best score ≥ 0.4: {Count(s => s[0] >= 0.4)}, ≥ 0.5: {Count(s => s[0] >= 0.5)}, ≥ 0.7: {Count(s => s[0] >= 0.7)}; seen in ≥ 2 frames: {Count(s => s.Count >= 2)}, ≥ 3 frames: {Count(s => s.Count >= 3)}; 2nd-best score ≥ 0.35: {Count(s => s.Count >= 2 && s[1] >= 0.35)}; frames per spot max {(spots.Count > 0 ? spots.Max(s => s.Count) : 0)}");
    }

    public static IReadOnlyList<CameraFrameLog> Parse(string gatewayOutput)
    {
        var frames = new List<CameraFrameLog>();
        foreach (var line in gatewayOutput.Split('\n'))
        {
            var m = FrameLine().Match(line);
            if (!m.Success)
            {
                continue;
            }

            var items = new List<Sighting>();
            foreach (var part in m.Groups["items"].Value.Split(';', StringSplitOptions.RemoveEmptyEntries))
            {
                var f = part.Split(':');
                if (f.Length >= 6)
                {
                    items.Add(new Sighting(f[0], D(f[1]), D(f[2]), D(f[3]), D(f[4]), f[5].Trim() == "1"));
                }
            }

            frames.Add(new CameraFrameLog(ulong.Parse(m.Groups["seq"].Value, CultureInfo.InvariantCulture), D(m.Groups["t"].Value),
                D(m.Groups["ref"].Value), D(m.Groups["age"].Value), D(m.Groups["infer"].Value), items));
        }

        return frames;
    }

    private static double D(string text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"visual-frame seq=(?<seq>\d+) t=(?<t>[-0-9.]+) ref=(?<ref>[-0-9.NaN]+) age=(?<age>[-0-9.]+) infer=(?<infer>[-0-9.]+) items=(?<items>.*)$")]
    private static partial Regex FrameLine();
}
