using SmartCustoms.Edge.Acquisition;

namespace SmartCustoms.Edge.Tests.Acquisition;

public class SpectralSummaryWindowTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 27, 8, 0, 0, TimeSpan.Zero);

    private static SpectrumVerdict Verdict(ulong seq, string top, bool contaminated = false, bool unknown = false) =>
        new(seq, 0, T0, top, "plastic", contaminated ? 0.9f : 0.0f, contaminated, unknown);

    [Fact]
    public void Counts_classes_contaminated_unknown_and_rejected_spectra()
    {
        var window = new SpectralSummaryWindow();
        window.Add(Verdict(1, "ore_hematite"));
        window.Add(Verdict(2, "ore_hematite"));
        window.Add(Verdict(3, "plastic", contaminated: true));
        window.Add(Verdict(4, "unknown", unknown: true));
        window.AddRejected(5, T0, "saturated", "12 saturated pixels");

        var summary = window.Close(T0.AddSeconds(5));

        Assert.Equal(4, summary.SpectraClassified);
        Assert.Equal(1, summary.SpectraRejected);
        Assert.Equal(1, summary.SpectraContaminated);
        Assert.Equal(1, summary.SpectraUnknown);
        Assert.Equal(2, summary.SpectraByTopClass["ore_hematite"]);
        Assert.Equal("12 saturated pixels", summary.RejectionReasons["saturated"]);
        Assert.Equal(1UL, summary.FirstSequence);
        Assert.Equal(5UL, summary.LastSequence);
        Assert.Equal(0, summary.SequenceGaps);
        Assert.True(window.IsEmpty);
    }

    [Fact]
    public void Sequence_gaps_are_counted_within_and_across_windows()
    {
        var window = new SpectralSummaryWindow();
        window.Add(Verdict(1, "ore_hematite"));
        window.Add(Verdict(4, "ore_hematite"));
        Assert.Equal(2, window.Close(T0).SequenceGaps);

        window.Add(Verdict(10, "ore_hematite"));
        var second = window.Close(T0);

        Assert.Equal(5, second.SequenceGaps);
        Assert.Equal(10UL, second.FirstSequence);
    }
}
