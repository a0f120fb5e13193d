namespace SmartCustoms.Edge.Camera;

/// <summary>
/// Remembers the items reported from recent frames so that an item seen in several consecutive frames (≈6 at
/// 4.5 m/s: 1.15 m of belt in view) is reported to the lane once. Works in the camera's own frame of reference, so
/// it needs no belt-speed history (which may lag behind the frames): a sighting continues a remembered item when it
/// lies at the same place across the belt (within half the item's size, at least 10 cm) and no further upstream
/// than it was, nor further downstream than the belt can carry it (at most 8 m/s) since it was last seen.
/// Items not seen for 1 s are forgotten. Not thread-safe (one caller: the detection loop).
/// </summary>
internal sealed class BeltItemMemory
{
    private const double ForgetAfterS = 1.0;
    private const double MinMatchM = 0.10;
    private const double MaxBeltSpeedMps = 8.0;

    private readonly List<Sighting> _items = [];

    /// <summary>True when the sighting is a new item (it is remembered either way).</summary>
    /// <param name="alongM">Item centre along the belt from the camera's reference line, m, downstream positive.</param>
    /// <param name="acrossM">Item centre across the belt, m.</param>
    /// <param name="sizeM">The item's larger side, m.</param>
    /// <param name="seconds">When the frame was taken, s on a monotonic clock.</param>
    public bool IsNew(double alongM, double acrossM, double sizeM, double seconds)
    {
        _items.RemoveAll(i => seconds - i.Seconds > ForgetAfterS);
        for (var k = 0; k < _items.Count; k++)
        {
            var item = _items[k];
            var reach = Math.Max(MinMatchM, Math.Max(item.SizeM, sizeM) / 2);
            var travel = Math.Max(0, seconds - item.Seconds) * MaxBeltSpeedMps;
            if (Math.Abs(acrossM - item.AcrossM) <= reach && alongM >= item.AlongM - reach && alongM <= item.AlongM + travel + reach)
            {
                _items[k] = new Sighting(alongM, acrossM, Math.Max(item.SizeM, sizeM), seconds);
                return false;
            }
        }

        _items.Add(new Sighting(alongM, acrossM, sizeM, seconds));
        return true;
    }

    private readonly record struct Sighting(double AlongM, double AcrossM, double SizeM, double Seconds);
}
