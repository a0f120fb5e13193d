using SmartCustoms.Edge.Core.Events;
using SmartCustoms.Edge.Core.Lots;
using SmartCustoms.Edge.Core.Options;
using SmartCustoms.Edge.Core.Tests.Infrastructure;

namespace SmartCustoms.Edge.Core.Tests.Lots;

/// <summary>A supervisor releases a lot held at HOLD: recorded, published, refused when there is nothing to release, re-armed by new evidence.</summary>
public sealed class HoldReleaseTests
{
    /// <summary>A lot that goes to HOLD on its first contaminated segment (at 5-7 s of belt time).</summary>
    private static TestLane HeldLane()
    {
        var lane = new TestLane(verdicts: v => v.LotHoldContaminatedSegments = 1);
        lane.SamplerReady();
        Assert.True(lane.Core.StartLot(TestLane.Declaration()).Ok);
        lane.Core.RecordBeltSpeed(5, lane.Clock.At(0));
        lane.Run(5, 5);
        lane.Core.Observe(Observe.Item(lane.Clock.At(5), "wood", 0.9, 15, 40));
        lane.Run(5, 7);
        Assert.Equal(LotVerdictLevel.Hold, lane.Core.GetSnapshot().Lot!.Verdict.Level);
        return lane;
    }

    [Fact]
    public void Release_records_who_when_and_the_note_and_publishes_the_lot_off_hold()
    {
        var lane = HeldLane();
        lane.Events.Clear();

        var result = lane.Core.ReleaseHold(null, "supervisor", "wood removed by hand, belt inspected");

        Assert.True(result.Ok, result.Error);
        lane.Collect();
        var verdict = (LotSnapshot)Assert.Single(lane.OfType(LaneEventTypes.Lot, "verdict")).Data;
        Assert.Equal(LotVerdictLevel.Suspect, verdict.Verdict.Level);
        Assert.Contains(verdict.Verdict.Reasons, r => r.Code == "contaminated-segments");
        var released = Assert.Single(verdict.Verdict.Reasons, r => r.Code == "hold-released");
        Assert.Contains("supervisor", released.Message, StringComparison.Ordinal);
        var release = Assert.Single(verdict.Releases);
        Assert.Equal("supervisor", release.By);
        Assert.Equal("wood removed by hand, belt inspected", release.Note);
        Assert.Equal(lane.Clock.Time.GetUtcNow(), release.At);
        Assert.Equal("contaminated-segments", Assert.Single(release.HeldReasons).Code);
        Assert.Equal(1, release.ContaminatedSegments);
        Assert.Equal(LotVerdictLevel.Suspect, lane.Core.GetSnapshot().Lot!.Verdict.Level);
    }

    [Fact]
    public void Release_is_in_the_lot_event_json_as_an_additive_field()
    {
        var lane = HeldLane();
        Assert.True(lane.Core.ReleaseHold("LOT-1", "supervisor", "checked").Ok);
        lane.Collect();
        var json = LaneEventJson.SerializeData(lane.OfType(LaneEventTypes.Lot, "verdict").Last());
        Assert.Contains("\"releases\":[{\"by\":\"supervisor\"", json, StringComparison.Ordinal);
        Assert.Contains("\"note\":\"checked\"", json, StringComparison.Ordinal);
        Assert.Contains("\"level\":\"suspect\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void A_lot_not_on_hold_cannot_be_released()
    {
        var lane = new TestLane();
        Assert.True(lane.Core.StartLot(TestLane.Declaration()).Ok);
        lane.Collect();
        lane.Events.Clear();

        var result = lane.Core.ReleaseHold(null, "supervisor", "nothing to see");

        Assert.False(result.Ok);
        Assert.Equal("release-hold: lot 'LOT-1' is not on HOLD (verdict CLEAR): nothing to release", result.Error);
        lane.Collect();
        Assert.Empty(lane.Events);
        Assert.Empty(lane.Core.GetSnapshot().Lot!.Releases);
    }

    [Theory]
    [InlineData(null, "supervisor", "", "a note is required")]
    [InlineData(null, "supervisor", "   ", "a note is required")]
    [InlineData(null, "", "note", "'user') is required")]
    [InlineData("LOT-9", "supervisor", "note", "lot 'LOT-9' is not known")]
    public void Release_needs_a_known_lot_a_user_and_a_note(string? lotId, string user, string note, string error)
    {
        var lane = HeldLane();
        var result = lane.Core.ReleaseHold(lotId, user, note);
        Assert.False(result.Ok);
        Assert.Contains(error, result.Error, StringComparison.Ordinal);
        Assert.Equal(LotVerdictLevel.Hold, lane.Core.GetSnapshot().Lot!.Verdict.Level);
    }

    [Fact]
    public void With_no_lot_open_release_says_so()
    {
        var lane = new TestLane();
        Assert.Equal("release-hold: no lot is open (name the lot with 'lotId')", lane.Core.ReleaseHold(null, "s", "n").Error);
    }

    [Fact]
    public void New_hold_evidence_after_a_release_holds_the_lot_again()
    {
        var lane = HeldLane();
        Assert.True(lane.Core.ReleaseHold(null, "supervisor", "inspected").Ok);

        // Another contaminated segment (segment 3 at 5 m/s): LotHoldContaminatedSegments (1) more since the release.
        lane.Core.Observe(Observe.Item(lane.Clock.At(7), "plastic", 0.9, 15, 40));
        lane.Run(5, 12);

        var lot = lane.Core.GetSnapshot().Lot!;
        Assert.Equal(2, lot.ContaminatedSegments);
        Assert.Equal(LotVerdictLevel.Hold, lot.Verdict.Level);
        Assert.DoesNotContain(lot.Verdict.Reasons, r => r.Code == "hold-released");
        Assert.Single(lot.Releases);

        // Released again: two releases kept, oldest first.
        Assert.True(lane.Core.ReleaseHold(null, "supervisor2", "second look").Ok);
        Assert.Equal(["supervisor", "supervisor2"], lane.Core.GetSnapshot().Lot!.Releases.Select(r => r.By));
    }

    [Fact]
    public void An_ended_lot_held_at_hold_can_be_released_by_id()
    {
        var lane = HeldLane();
        Assert.True(lane.Core.EndLot(null).Ok);
        Assert.True(lane.Core.ReleaseHold("LOT-1", "supervisor", "inspected at the stockpile").Ok);
        Assert.Equal(LotVerdictLevel.Suspect, lane.Core.FindLot("LOT-1")!.Verdict.Level);
    }
}
