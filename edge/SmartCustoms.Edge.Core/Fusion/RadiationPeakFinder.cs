using SmartCustoms.Edge.Core.Observations;

namespace SmartCustoms.Edge.Core.Fusion;

/// <summary>
/// Attributes an elevated radiation reading to the material that caused it. A pass-through monitor sees a point
/// source over a stretch of belt (its response falls to half at about one detector height either side) and
/// integrates counts over a window, and its alarm state is held for seconds after the dose drops: filing every
/// reading in alarm state on the segment under the monitor marks 2-3 segments (25+ m at 5 m/s) for one source.
/// The source is where the dose peaked: an excursion starts when the monitor leaves its normal state; once the dose
/// has fallen below half of the peak's excess over background, the source's position is the excess-weighted centre
/// of the readings above that half (the readings are placed at the middle of their counting window), and the
/// excursion's level (warning/alarm) goes to the segment(s) there. The other readings keep their dose, not the level.
/// An excursion whose half-maximum spans more belt than a point source can (<c>spreadMetres</c>: two monitor
/// response widths plus twice the belt travel during one counting window) is spread material (a whole stretch of
/// radioactive ore): its readings are then filed with their levels where they were taken, as the monitor reports.
/// Not thread-safe (owned by the lane core).
/// </summary>
internal sealed class RadiationPeakFinder(double fieldOfViewMetres, double integrationSeconds)
{
    // Background estimate: a slow average of normal readings (≈ 20 readings at 10 Hz).
    private const double BackgroundWeight = 0.05;

    // Bounds memory if an excursion never ends (belt stopped under a source): ~10 min at 10 readings/s.
    private const int MaxPeakReadings = 6_000;

    // Normal readings just before an excursion: a weak source's rising flank is below the warning level but above
    // half its peak, and the centre needs both flanks (~5 s at 10 readings/s).
    private const int RisingFlankKept = 50;

    private readonly List<(RadiationReading Reading, double Coordinate, bool Certain)> _peak = [];
    private readonly Queue<(RadiationReading Reading, double Coordinate, bool Certain)> _beforePeak = new();
    private double _background = double.NaN;
    private double _peakDose;
    private State _state;

    private enum State
    {
        Normal,
        Rising,
        Falling,
        Spread,
    }

    /// <summary>Sources located since start.</summary>
    public long SourcesLocated { get; private set; }

    /// <summary>Excursions treated as spread material.</summary>
    public long SpreadExcursions { get; private set; }

    /// <summary>
    /// Takes a reading placed at <paramref name="coordinate"/> (the material under the monitor in the middle of the
    /// counting window) with the current belt speed, and adds what to file now to <paramref name="filings"/>.
    /// </summary>
    public void Add(RadiationReading reading, double coordinate, bool certain, double speedMetresPerSecond, List<RadiationFiling> filings)
    {
        var dose = reading.DoseRateNanoSievertsPerHour;
        var elevated = reading.Level != RadiationLevel.Normal;
        if (double.IsNaN(_background))
        {
            _background = elevated ? 0 : dose;
        }

        switch (_state)
        {
            case State.Normal when !elevated:
                _background += BackgroundWeight * (dose - _background);
                Remember(reading, coordinate, certain);
                filings.Add(new RadiationFiling(reading, coordinate, certain, RadiationFilingKind.Reading));
                return;
            case State.Normal:
            case State.Falling when elevated && dose > HalfLevel():
                // A new peak: the monitor left its normal state, or the dose rose again after a located source.
                _state = State.Rising;
                _peak.Clear();
                _peak.AddRange(_beforePeak);
                _beforePeak.Clear();
                _peakDose = dose;
                break;
            case State.Falling when !elevated:
                _state = State.Normal;
                Remember(reading, coordinate, certain);
                filings.Add(new RadiationFiling(reading, coordinate, certain, RadiationFilingKind.Reading));
                return;
            case State.Falling:
                filings.Add(new RadiationFiling(Unlevelled(reading), coordinate, certain, RadiationFilingKind.Reading));
                return;
            case State.Spread:
                filings.Add(new RadiationFiling(reading, coordinate, certain, RadiationFilingKind.Reading));
                if (!elevated)
                {
                    _state = State.Normal;
                }

                return;
        }

        // Rising: keep the readings of this peak until it is known.
        _peakDose = Math.Max(_peakDose, dose);
        _peak.Add((reading, coordinate, certain));
        filings.Add(new RadiationFiling(Unlevelled(reading), coordinate, certain, RadiationFilingKind.Reading));
        if (!elevated || dose <= HalfLevel())
        {
            // Past the peak (or the monitor is back to normal): locate it.
            Locate(filings);
            _state = elevated ? State.Falling : State.Normal;
            return;
        }

        if (SpanAboveHalf() > SpreadMetres(speedMetresPerSecond) || _peak.Count >= MaxPeakReadings)
        {
            // Too wide for a point source: spread material. File the readings as the monitor reported them.
            SpreadExcursions++;
            foreach (var (r, c, sure) in _peak)
            {
                if (r.Level != RadiationLevel.Normal)
                {
                    filings.Add(new RadiationFiling(r, c, sure, RadiationFilingKind.Level));
                }
            }

            _peak.Clear();
            _state = State.Spread;
        }
    }

    private void Remember(RadiationReading reading, double coordinate, bool certain)
    {
        _beforePeak.Enqueue((reading, coordinate, certain));
        if (_beforePeak.Count > RisingFlankKept)
        {
            _beforePeak.Dequeue();
        }
    }

    /// <summary>Half of the peak's excess over background: below it, the peak has passed.</summary>
    private double HalfLevel() => _background + (0.5 * (_peakDose - _background));

    private double SpreadMetres(double speed) =>
        (2 * fieldOfViewMetres) + (2 * Math.Max(0, speed) * integrationSeconds);

    private double SpanAboveHalf()
    {
        var half = HalfLevel();
        var first = double.NaN;
        var last = double.NaN;
        foreach (var (r, c, _) in _peak)
        {
            if (r.DoseRateNanoSievertsPerHour >= half)
            {
                first = double.IsNaN(first) ? c : Math.Min(first, c);
                last = double.IsNaN(last) ? c : Math.Max(last, c);
            }
        }

        return double.IsNaN(first) ? 0 : last - first;
    }

    private void Locate(List<RadiationFiling> filings)
    {
        var half = HalfLevel();
        double weight = 0, sum = 0;
        var certain = true;
        var level = RadiationLevel.Normal;
        RadiationReading? top = null;
        var topCoordinate = double.NaN;
        var topCertain = true;
        foreach (var (r, c, sure) in _peak)
        {
            level = r.Level > level ? r.Level : level;
            if (top is null || r.DoseRateNanoSievertsPerHour > top.DoseRateNanoSievertsPerHour)
            {
                (top, topCoordinate, topCertain) = (r, c, sure);
            }

            var excess = r.DoseRateNanoSievertsPerHour - half;
            if (excess >= 0)
            {
                // Weighted by the excess over half maximum: the readings near the top say most about where it is.
                var w = excess + 1e-9;
                weight += w;
                sum += w * c;
                certain &= sure;
            }
        }

        _peak.Clear();
        if (top is null || level == RadiationLevel.Normal)
        {
            return;
        }

        SourcesLocated++;
        filings.Add(weight > 0
            ? new RadiationFiling(top with { Level = level }, sum / weight, certain, RadiationFilingKind.Source)
            : new RadiationFiling(top with { Level = level }, topCoordinate, topCertain, RadiationFilingKind.Source));
    }

    private static RadiationReading Unlevelled(RadiationReading reading) =>
        reading.Level == RadiationLevel.Normal ? reading : reading with { Level = RadiationLevel.Normal };
}
