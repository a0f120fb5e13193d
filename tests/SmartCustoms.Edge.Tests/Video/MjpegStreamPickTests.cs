using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;
using SmartCustoms.Drivers.Abstractions.Camera;
using SmartCustoms.Edge.Camera;
using SmartCustoms.Edge.Video;

namespace SmartCustoms.Edge.Tests.Video;

/// <summary>Which frame the MJPEG video sends next: with the detector's boxes when it can, never an older frame than it sent.</summary>
public sealed class MjpegStreamPickTests : IDisposable
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 28, 4, 0, 0, TimeSpan.Zero));
    private readonly LatestFrameView _frames;
    private readonly RecentFrames _recent;
    private readonly Answers _detections = new();

    public MjpegStreamPickTests()
    {
        _frames = new LatestFrameView(_time);
        _recent = new RecentFrames(_frames, _time);
    }

    public void Dispose() => _recent.Dispose();

    [Fact]
    public void Sends_the_newest_frame_the_detector_answered_for_with_its_boxes()
    {
        Arrive(1, 2, 3, 4);
        _detections.Answer(3);

        var (frame, boxes) = Pick(sent: null);

        Assert.Equal(3UL, frame!.Sequence);
        Assert.NotNull(boxes);
    }

    [Fact]
    public void A_frame_answered_after_a_newer_one_went_out_without_boxes_is_not_sent_back_in_time()
    {
        Arrive(1, 2, 3, 4, 5);
        Assert.Equal(5UL, Pick(sent: null).Frame!.Sequence);

        Arrive(6);
        _detections.Answer(3);
        var (frame, boxes) = Pick(sent: 5);

        Assert.Equal(6UL, frame!.Sequence);
        Assert.Null(boxes);
    }

    [Fact]
    public void Sends_nothing_when_no_frame_is_newer_than_the_last_one_sent()
    {
        Arrive(1, 2, 3);
        _detections.Answer(2);

        Assert.Null(Pick(sent: 3).Frame);
        Assert.Null(Pick(sent: 4).Frame);
    }

    [Fact]
    public void Follows_a_camera_that_restarted_its_numbering()
    {
        Arrive(100, 101, 102);
        Arrive(1, 2);
        _detections.Answer(101);

        var (frame, boxes) = Pick(sent: 102);

        Assert.Equal(2UL, frame!.Sequence);
        Assert.Null(boxes);
    }

    [Fact]
    public void Does_not_reach_further_back_than_the_lag_limit_for_boxes()
    {
        Arrive([.. Enumerable.Range(1, 20).Select(i => (ulong)i)]);
        _detections.Answer(20 - MjpegStream.MaxLagFrames - 1);

        var (frame, boxes) = Pick(sent: null);

        Assert.Equal(20UL, frame!.Sequence);
        Assert.Null(boxes);
    }

    private (CameraSnapshot? Frame, IReadOnlyList<OverlayBox>? Boxes) Pick(ulong? sent) =>
        MjpegStream.Pick("camera", _frames, _recent, _detections, sent);

    private void Arrive(params ulong[] sequences)
    {
        foreach (var sequence in sequences)
        {
            using var frame = new CameraFrame("camera", sequence, sequenceFromDevice: true, deviceTime: null, hostTime: _time.GetUtcNow(),
                hostTimestamp: _time.GetTimestamp(), width: 1280, height: 720, jpeg: new byte[] { 0xFF, 0xD8, 0xFF, 0xD9 }, pixels: null,
                isRepeat: false, owner: null);
            _frames.Update(frame);
            _recent.Sample();
            _time.Advance(TimeSpan.FromMilliseconds(40));
        }
    }

    private sealed class Answers : IFrameDetections
    {
        private readonly ConcurrentDictionary<ulong, IReadOnlyList<OverlayBox>> _boxes = new();

        public void Answer(ulong sequence) =>
            _boxes[sequence] = [new OverlayBox(0.1, 0.1, 0.2, 0.2, "plastic", 0.9, Contaminant: true)];

        public IReadOnlyList<OverlayBox>? For(string camera, ulong sequence) => _boxes.GetValueOrDefault(sequence);
    }
}
