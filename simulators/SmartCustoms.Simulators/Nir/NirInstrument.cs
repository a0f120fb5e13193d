using SmartCustoms.Simulators.Faults;
using SmartCustoms.Simulators.Spectra;
using SmartCustoms.Simulators.World;

namespace SmartCustoms.Simulators.Nir;

/// <summary>
/// The simulated spectrometer behind the SCPI server. It acquires continuously at the line rate:
/// spectrum n completes at a fixed device time, looking at the NIR footprint of the lane world at
/// that time. Spectra are computed lazily when first read (deterministic from seed and n) and kept
/// in a ring buffer, so an idle instrument costs nothing and readers share the same spectra.
/// Thread-safe.
/// </summary>
public sealed class NirInstrument
{
    /// <summary>Readout dead time added per frame, µs.</summary>
    public const double ReadoutUs = 40;

    private readonly Lock _gate = new();
    private readonly LaneWorld _world;
    private readonly LaneClock _clock;
    private readonly NirSimulatorOptions _options;
    private readonly DeviceFaultInjector _faults;
    private readonly NirInstrumentModel _model;
    private readonly SpotSynthesizer _synthesizer;
    private readonly AcquiredSpectrum?[] _ring;
    private readonly List<AcquisitionSegment> _segments = [];
    private readonly double[] _reflectance;
    private readonly long _bootOffsetUs;
    private readonly int _seed;
    private NirTestSourceBank? _bank;

    public NirInstrument(LaneWorld world, LaneClock clock, NirSimulatorOptions options, DeviceFaultInjector faults)
    {
        ArgumentNullException.ThrowIfNull(world);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(faults);
        _world = world;
        _clock = clock;
        _options = options;
        _faults = faults;
        _seed = world.Seed;
        _model = new NirInstrumentModel(serialSeed: world.Seed);
        WavelengthsNm = [.. _model.WavelengthsNm.Select(w => (float)w)];
        _synthesizer = new SpotSynthesizer(new PooledEndmembers(_model.WavelengthsNm, world.Seed));
        _reflectance = new double[_model.Pixels];
        _ring = new AcquiredSpectrum?[options.RingCapacity];

        // The instrument was powered up before the lane started: its clock does not start at zero.
        _bootOffsetUs = 3_600_000_000L + (SimRandom.Mix(world.Seed, 710, 0) % 1_000_000_000);
        Serial = options.Serial ?? $"SIM{(uint)SimRandom.Mix(world.Seed, 711, 0) % 1_000_000:D6}";
        Reset();
    }

    public IReadOnlyList<float> WavelengthsNm { get; }

    /// <summary>The instrument's wavelength grid, nm (for resampling replayed files).</summary>
    public IReadOnlyList<double> WavelengthGridNm => _model.WavelengthsNm;

    /// <summary>When set, spectra show these recorded reflectances in turn instead of the belt (scsim replay). Set before clients connect.</summary>
    public ReplaySpectra? Replay { get; set; }

    public int Pixels => _model.Pixels;

    /// <summary>
    /// True when this is a throughput test source (<see cref="NirSimulatorOptions.TestSourceSpectra"/> &gt; 0): it serves a
    /// bank of pre-computed clean-lane spectra in turn with fresh sequence numbers and device times at the line rate,
    /// with no exposure limit. Not an instrument model.
    /// </summary>
    public bool IsTestSource => _options.TestSourceSpectra > 0;

    public string Serial { get; }

    public string Identity => $"{_options.Maker},{_options.Model},{Serial},{_options.Firmware}";

    public DeviceFaultInjector Faults => _faults;

    public int IntegrationUs
    {
        get
        {
            lock (_gate)
            {
                return _segments[^1].IntegrationUs;
            }
        }
    }

    public int Averages
    {
        get
        {
            lock (_gate)
            {
                return _segments[^1].Averages;
            }
        }
    }

    /// <summary>
    /// Spectra per second with the current settings: the line rate, unless averages × (integration + readout)
    /// is longer than its period (e.g. 1,000 µs integration + 40 µs readout: at most 961/s, whatever the line rate).
    /// </summary>
    public double EffectiveLineRateHz
    {
        get
        {
            lock (_gate)
            {
                return 1e6 / _segments[^1].PeriodUs;
            }
        }
    }

    /// <summary>The instrument clock now, µs.</summary>
    public long DeviceNowUs => _clock.ElapsedMicroseconds + _bootOffsetUs;

    /// <summary>Lamp hours now.</summary>
    public double LampHours => _options.LampHoursAtStart + (_clock.ElapsedSeconds / 3600.0);

    /// <summary>Detector temperature at a device time: TEC set point with a slow ripple.</summary>
    public double DetectorTemperatureAt(double deviceUs)
    {
        double t = (deviceUs - _bootOffsetUs) / 1e6;
        return NirInstrumentModel.DetectorSetPointC + (0.15 * Math.Sin(2 * Math.PI * t / 600.0)) + (0.03 * Math.Sin(2 * Math.PI * t / 37.0));
    }

    /// <summary>*RST: default integration and averaging.</summary>
    public void Reset() => Configure(NirInstrumentModel.DefaultIntegrationUs, 1);

    public void SetIntegration(int microseconds)
    {
        lock (_gate)
        {
            Configure(microseconds, _segments[^1].Averages);
        }
    }

    public void SetAverages(int averages)
    {
        lock (_gate)
        {
            Configure(_segments[^1].IntegrationUs, averages);
        }
    }

    /// <summary>The sequence number of the next spectrum to complete after now.</summary>
    public ulong NextSequence()
    {
        lock (_gate)
        {
            var seg = _segments[^1];
            double now = DeviceNowUs;
            double done = Math.Floor((now - seg.StartDeviceUs) / seg.PeriodUs);
            return seg.FirstSequence + (ulong)Math.Max(0, done);
        }
    }

    /// <summary>The oldest sequence still in the ring buffer given the newest completed one.</summary>
    public ulong OldestAvailable()
    {
        ulong next = NextSequence();
        ulong cap = (ulong)_ring.Length;
        return next > cap ? next - cap : 0;
    }

    /// <summary>Device time (µs) at which spectrum <paramref name="sequence"/> completes.</summary>
    public double CompletionUs(ulong sequence)
    {
        lock (_gate)
        {
            return SegmentOf(sequence).CompletionUs(sequence);
        }
    }

    /// <summary>How long until spectrum <paramref name="sequence"/> is complete (zero if it is).</summary>
    public TimeSpan TimeUntil(ulong sequence)
    {
        double waitUs = CompletionUs(sequence) - DeviceNowUs;
        return waitUs <= 0 ? TimeSpan.Zero : TimeSpan.FromMicroseconds(waitUs);
    }

    /// <summary>Spectrum <paramref name="sequence"/> (it must be complete; the caller waits with <see cref="TimeUntil"/>).</summary>
    public AcquiredSpectrum Get(ulong sequence)
    {
        lock (_gate)
        {
            int slot = (int)(sequence % (ulong)_ring.Length);
            var cached = _ring[slot];
            if (cached is not null && cached.Sequence == sequence)
            {
                return cached;
            }

            var seg = SegmentOf(sequence);
            double completion = seg.CompletionUs(sequence);
            if (IsTestSource)
            {
                // Throughput test source: a banked spectrum with this sequence's number and time (no ring: any
                // sequence can be made again; the ring's size still bounds how far behind a reader may fall).
                return new AcquiredSpectrum(sequence, (long)completion + (long)_faults.ClockOffset.TotalMicroseconds,
                    (float)DetectorTemperatureAt(completion), BankFor(seg).For(sequence));
            }

            double midUs = completion - (seg.PeriodUs / 2);
            double laneTime = (midUs - _bootOffsetUs) / 1e6;
            var view = _world.NirView(laneTime);
            Span<SpotComponent> items = stackalloc SpotComponent[Math.Min(view.Items.Count, 16)];
            for (int i = 0; i < items.Length; i++)
            {
                var it = view.Items[i];
                items[i] = new SpotComponent(it.Item.Material, it.Item.Colour, it.AreaFraction);
            }

            var rng = SimRandom.Create(_seed, 700, (long)sequence);
            if (Replay is { } replay)
            {
                replay.Fill((long)sequence, _reflectance);
            }
            else
            {
                _synthesizer.Spot(view.Ore, items, rng, _reflectance);
            }

            if (_faults.IsActive(DeviceFaultKind.SaturatedSpectra))
            {
                // Lamp flare or a mirror-like item: the detector clips.
                for (int i = 0; i < _reflectance.Length; i++)
                {
                    _reflectance[i] = (_reflectance[i] * 4) + 1.8;
                }
            }

            double temp = DetectorTemperatureAt(completion);
            var state = new InstrumentState(temp, LampHours, 1 + (0.002 * rng.Gaussian()), seg.IntegrationUs, seg.Averages);
            var counts = new float[_model.Pixels];
            _model.Acquire(_reflectance, state, rng, counts);
            if (_faults.IsActive(DeviceFaultKind.NanSpectra))
            {
                for (int i = rng.Next(8); i < counts.Length; i += 1 + rng.Next(12))
                {
                    counts[i] = float.NaN;
                }
            }

            // A clock-offset fault shifts only the time the instrument reports: acquisition timing, the lane
            // view and the sequence stay as they are, as when a device clock is stepped.
            long reportedUs = (long)completion + (long)_faults.ClockOffset.TotalMicroseconds;
            var spectrum = new AcquiredSpectrum(sequence, reportedUs, (float)temp, counts);
            _ring[slot] = spectrum;
            return spectrum;
        }
    }

    /// <summary>Dark reference counts now (shutter closed).</summary>
    public float[] DarkReference()
    {
        var counts = new float[_model.Pixels];
        var state = CurrentState();
        _model.AcquireDark(state, SimRandom.Create(_seed, 720, DeviceNowUs), counts);
        return counts;
    }

    /// <summary>White reference counts now (the reference tile in view).</summary>
    public float[] WhiteReference()
    {
        var counts = new float[_model.Pixels];
        var state = CurrentState();
        _model.AcquireWhite(state, SimRandom.Create(_seed, 721, DeviceNowUs), counts);
        return counts;
    }

    public double DetectorTemperatureNow() => DetectorTemperatureAt(DeviceNowUs);

    private InstrumentState CurrentState()
    {
        lock (_gate)
        {
            var seg = _segments[^1];
            return new InstrumentState(DetectorTemperatureNow(), LampHours, 1.0, seg.IntegrationUs, seg.Averages);
        }
    }

    private void Configure(int integrationUs, int averages)
    {
        lock (_gate)
        {
            // A test source has no exposure: its spectra were taken beforehand, so the line rate alone sets the pace.
            double period = IsTestSource ? 1e6 / _options.LineRateHz : Math.Max(1e6 / _options.LineRateHz, averages * (integrationUs + ReadoutUs));
            double now = DeviceNowUs;
            if (_segments.Count == 0)
            {
                _segments.Add(new AcquisitionSegment(0, now, period, integrationUs, averages));
                return;
            }

            // Spectra already under way finish with the old settings; the new ones start after.
            ulong next = NextSequence();
            var last = _segments[^1];
            double start = last.CompletionUs(next);
            _segments.Add(new AcquisitionSegment(next + 1, start, period, integrationUs, averages));
            if (_segments.Count > 64)
            {
                _segments.RemoveAt(0);
            }
        }
    }

    // The bank for the segment's settings, made on first use after a CONF:INT/CONF:AVG change (~35 µs per spectrum,
    // under the lock: the next burst waits for it once). Spectra n of the bank look at the ore the lane shows at
    // lane time n × 0.25 s with no item in view, through the same instrument model (noise, dark, lamp) as Get.
    private NirTestSourceBank BankFor(AcquisitionSegment segment)
    {
        if (_bank is { } bank && bank.Matches(segment))
        {
            return bank;
        }

        var counts = new float[_options.TestSourceSpectra][];
        for (int n = 0; n < counts.Length; n++)
        {
            double laneTime = n * 0.25;
            var view = _world.NirView(laneTime);
            var rng = SimRandom.Create(_seed, 730, n);
            _synthesizer.Spot(view.Ore, [], rng, _reflectance);
            double temp = DetectorTemperatureAt(_bootOffsetUs + (laneTime * 1e6));
            var state = new InstrumentState(temp, _options.LampHoursAtStart + (laneTime / 3600.0), 1 + (0.002 * rng.Gaussian()), segment.IntegrationUs, segment.Averages);
            counts[n] = new float[_model.Pixels];
            _model.Acquire(_reflectance, state, rng, counts[n]);
        }

        _bank = new NirTestSourceBank(segment.IntegrationUs, segment.Averages, counts);
        return _bank;
    }

    private AcquisitionSegment SegmentOf(ulong sequence)
    {
        for (int i = _segments.Count - 1; i >= 0; i--)
        {
            if (_segments[i].FirstSequence <= sequence)
            {
                return _segments[i];
            }
        }

        return _segments[0];
    }
}
