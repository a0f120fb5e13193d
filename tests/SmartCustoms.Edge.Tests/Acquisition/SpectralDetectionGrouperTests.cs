using SmartCustoms.Edge.Acquisition;

namespace SmartCustoms.Edge.Tests.Acquisition;

public class SpectralDetectionGrouperTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 27, 8, 0, 0, TimeSpan.Zero);

    private static SpectrumVerdict Clean(ulong seq) =>
        new(seq, (long)seq * 2000, T0, "ore_hematite", "plastic", 0.01f, IsContaminant: false, IsUnknown: false);

    private static SpectrumVerdict Dirty(ulong seq, string material = "plastic", float p = 0.9f) =>
        new(seq, (long)seq * 2000, T0, material, material, p, IsContaminant: true, IsUnknown: false);

    [Fact]
    public void A_run_of_contaminated_spectra_becomes_one_detection_when_clean_ore_follows()
    {
        var grouper = new SpectralDetectionGrouper();
        Assert.Empty(grouper.Add(Clean(1)));
        Assert.Empty(grouper.Add(Dirty(2, p: 0.7f)));
        Assert.Empty(grouper.Add(Dirty(3, p: 0.95f)));
        Assert.Empty(grouper.Add(Dirty(4, p: 0.85f)));

        var detection = Assert.Single(grouper.Add(Clean(5)));

        Assert.Equal("plastic", detection.Material);
        Assert.Equal(3, detection.SpectraCount);
        Assert.Equal(2UL, detection.FirstSequence);
        Assert.Equal(4UL, detection.LastSequence);
        Assert.Equal(0.95f, detection.PeakProbability);
        Assert.Equal((0.7 + 0.95 + 0.85) / 3, detection.MeanProbability, 5);
        Assert.Equal(4000L, detection.FirstDeviceTimeMicroseconds);
    }

    [Fact]
    public void The_material_is_the_class_most_spectra_agree_on()
    {
        var grouper = new SpectralDetectionGrouper();
        grouper.Add(Dirty(1, "cellulose"));
        grouper.Add(Dirty(2, "plastic"));
        grouper.Add(Dirty(3, "cellulose"));

        var detection = Assert.Single(grouper.Add(Clean(4)));

        Assert.Equal("cellulose", detection.Material);
        Assert.Equal(2, detection.SpectraByClass["cellulose"]);
        Assert.Equal(1, detection.SpectraByClass["plastic"]);
    }

    [Fact]
    public void A_sequence_gap_closes_the_run_because_the_spectra_in_between_are_unknown()
    {
        var grouper = new SpectralDetectionGrouper();
        grouper.Add(Dirty(1));
        grouper.Add(Dirty(2));

        var closed = Assert.Single(grouper.Add(Dirty(10)));

        Assert.Equal(2, closed.SpectraCount);
        var rest = grouper.Flush();
        Assert.NotNull(rest);
        Assert.Equal(10UL, rest.FirstSequence);
    }

    [Fact]
    public void A_long_run_is_reported_every_max_run_length_spectra()
    {
        var grouper = new SpectralDetectionGrouper(maxRunLength: 3);
        var detections = Enumerable.Range(1, 7).SelectMany(i => grouper.Add(Dirty((ulong)i))).ToList();

        Assert.Equal(2, detections.Count);
        Assert.All(detections, d => Assert.Equal(3, d.SpectraCount));
        Assert.Equal(1, grouper.Flush()?.SpectraCount);
    }

    [Fact]
    public void Runs_shorter_than_the_minimum_are_discarded_and_counted()
    {
        var grouper = new SpectralDetectionGrouper(maxRunLength: 10, minRunLength: 2);
        grouper.Add(Dirty(1));

        Assert.Empty(grouper.Add(Clean(2)));
        Assert.Equal(1, grouper.DiscardedShortRuns);
    }
}
