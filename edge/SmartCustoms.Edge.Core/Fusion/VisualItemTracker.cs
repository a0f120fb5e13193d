namespace SmartCustoms.Edge.Core.Fusion;

/// <summary>
/// Follows the items the camera's detector finds from frame to frame (an item is in view for ~1.15 m of belt: 2-3
/// detector frames at 10/s, 5-6 at 25/s), so that each is reported to the lane as one item, and reported again — with
/// the same id — only when a later frame shows it better: a higher score, a larger box, or seen in more frames. The
/// segment keeps the best report of each id (<c>SegmentEvidence</c>), so an item that entered the frame half-visible
/// or blurred at a score under the suspect bar is still judged on its best sighting (before, later sightings were
/// taken as continuations and dropped: 3 of 12 camera misses in a 5-minute contaminated run).
/// <para>
/// Works in the camera's own frame of reference, so it needs no belt-position history (which may lag the frames): a
/// sighting continues a remembered item when it lies at the same place across the belt (within half the item's
/// size, at least 10 cm) and where the belt's current speed has carried it since it was last seen (with slack; when
/// the speed is unknown: no further upstream than it was, nor further downstream than 8 m/s allows). Items not seen
/// for 1 s are forgotten.
/// </para>
/// Not thread-safe (one caller: the camera's detection loop).
/// </summary>
public sealed class VisualItemTracker
{
    private const double ForgetAfterS = 1.0;
    private const double MinMatchM = 0.10;
    private const double MaxBeltSpeedMps = 8.0;
    private const double SpeedSlackShare = 0.3;
    private const double SpeedSlackMps = 0.5;

    // A box must grow by this much to be reported again (the box edges jitter by a few pixels, ~0.5 cm, frame to frame).
    // Any higher score is reported: a bar may lie between two close scores, and the segment ignores reports that pass
    // no higher bar.
    private const double SizeStepM = 0.01;

    private readonly List<Item> _items = [];
    private readonly int _reportAtSightings;

    /// <param name="reportAtSightings">
    /// Also report an item again when it has been seen in this many frames (the lane's <c>VisualSuspectMinSightings</c>;
    /// 0 = not needed).
    /// </param>
    public VisualItemTracker(int reportAtSightings = 0)
    {
        _reportAtSightings = reportAtSightings;
    }

    /// <summary>Items remembered now (seen within the last second).</summary>
    public int Remembered => _items.Count;

    /// <summary>Looks at one detection of a frame and says whether to report it.</summary>
    /// <param name="alongM">Item centre along the belt from the camera's reference line, m, downstream positive.</param>
    /// <param name="acrossM">Item centre across the belt, m.</param>
    /// <param name="widthM">Box width on the belt, m.</param>
    /// <param name="lengthM">Box length along the belt, m.</param>
    /// <param name="score">The detector's score.</param>
    /// <param name="seconds">When the frame was taken, s on a monotonic clock.</param>
    /// <param name="newId">The id the item gets if this sighting is a new item.</param>
    /// <param name="beltSpeedMps">
    /// The belt's speed now when known (the lane's belt tracker), else null. Known, a sighting continues an item only
    /// near where the belt has carried it since it was last seen (± half its size, plus 0.3 × speed + 0.5 m/s of slack
    /// per second: the box centre of an item entering the frame lags the belt). Without it, anywhere between where it
    /// was and 8 m/s downstream — which, in a 5-minute contaminated run, let a 4 cm detection 0.7 s after a 39 cm item
    /// left the frame continue that item.
    /// </param>
    public VisualSighting See(double alongM, double acrossM, double widthM, double lengthM, double score, double seconds, string newId, double? beltSpeedMps = null)
    {
        ArgumentNullException.ThrowIfNull(newId);
        var sizeM = Math.Max(widthM, lengthM);
        _items.RemoveAll(i => seconds - i.Seconds > ForgetAfterS);
        for (var k = 0; k < _items.Count; k++)
        {
            var item = _items[k];
            var reach = Math.Max(MinMatchM, Math.Max(item.SizeM, sizeM) / 2);
            var dt = Math.Max(0, seconds - item.Seconds);
            bool along;
            if (beltSpeedMps is { } v && double.IsFinite(v) && v >= 0)
            {
                var expected = item.AlongM + (dt * v);
                along = Math.Abs(alongM - expected) <= reach + (dt * ((SpeedSlackShare * v) + SpeedSlackMps));
            }
            else
            {
                along = alongM >= item.AlongM - reach && alongM <= item.AlongM + (dt * MaxBeltSpeedMps) + reach;
            }

            if (Math.Abs(acrossM - item.AcrossM) <= reach && along)
            {
                var sightings = item.Sightings + 1;
                var better = score > item.BestScore
                    || sizeM >= item.ReportedSizeM + SizeStepM
                    || (_reportAtSightings > 1 && sightings == _reportAtSightings);
                var larger = sizeM > item.SizeM;
                _items[k] = item with
                {
                    AlongM = alongM,
                    AcrossM = acrossM,
                    Seconds = seconds,
                    Sightings = sightings,
                    // The best score and the largest box seen so far (a half-visible item's box grows as it enters).
                    BestScore = Math.Max(score, item.BestScore),
                    SizeM = larger ? sizeM : item.SizeM,
                    WidthM = larger ? widthM : item.WidthM,
                    LengthM = larger ? lengthM : item.LengthM,
                    ReportedSizeM = better ? Math.Max(sizeM, item.SizeM) : item.ReportedSizeM,
                };
                var now = _items[k];
                return new VisualSighting(better ? VisualSightingKind.Better : VisualSightingKind.Continuation, item.Id, sightings, now.BestScore, now.WidthM, now.LengthM);
            }
        }

        _items.Add(new Item(newId, alongM, acrossM, sizeM, widthM, lengthM, seconds, 1, score, sizeM));
        return new VisualSighting(VisualSightingKind.New, newId, 1, score, widthM, lengthM);
    }

    private readonly record struct Item(string Id, double AlongM, double AcrossM, double SizeM, double WidthM, double LengthM, double Seconds, int Sightings, double BestScore, double ReportedSizeM);
}
