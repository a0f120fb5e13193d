using System.Text.Json;
using SmartCustoms.Edge.Core.Events;
using SmartCustoms.Edge.Core.Observations;
using SmartCustoms.Edge.Core.Tests.Infrastructure;

namespace SmartCustoms.Edge.Core.Tests.Events;

public sealed class LaneEventJsonTests
{
    private static List<LaneEvent> ContaminatedRun()
    {
        var lane = new TestLane();
        lane.SamplerReady();
        lane.Core.StartLot(TestLane.Declaration());
        lane.Core.RecordBeltSpeed(5, lane.Clock.At(0));
        lane.Run(5, 5);
        lane.Core.Observe(Observe.Item(lane.Clock.At(5), "plastic", 0.9, 15, 40));
        lane.Run(5, 14);
        return lane.Events;
    }

    [Fact]
    public void Every_event_type_serialises_to_camel_case_json_with_enum_names()
    {
        var events = ContaminatedRun();
        Assert.Equal(["alarm", "increment", "lot", "segment"], events.Select(e => e.Type).Distinct().Order());

        var segment = events.First(e => e.Type == "segment" && e.Name == "judged" && LaneEventJson.SerializeData(e).Contains("contaminated", StringComparison.Ordinal));
        using var doc = JsonDocument.Parse(LaneEventJson.SerializeData(segment));
        var root = doc.RootElement;
        Assert.Equal("contaminated", root.GetProperty("verdict").GetString());
        Assert.Equal("LOT-1", root.GetProperty("lotId").GetString());
        Assert.Equal(1, root.GetProperty("counts").GetProperty("contaminantDetections").GetInt32());
        Assert.Equal("contaminant-detections", root.GetProperty("findings")[0].GetProperty("code").GetString());
        Assert.Equal("plastic", root.GetProperty("contaminantShares")[0].GetProperty("material").GetString());

        var increment = events.First(e => e.Type == "increment" && e.Name == "commanded");
        using var inc = JsonDocument.Parse(LaneEventJson.SerializeData(increment));
        Assert.Equal("triggered", inc.RootElement.GetProperty("reason").GetString());
        Assert.Equal("commanded", inc.RootElement.GetProperty("state").GetString());

        var alarm = events.First(e => e.Type == "alarm");
        using var al = JsonDocument.Parse(LaneEventJson.SerializeData(alarm));
        Assert.Equal("contamination", al.RootElement.GetProperty("alarm").GetProperty("type").GetString());
        Assert.Equal("red", al.RootElement.GetProperty("stackLight").GetProperty("color").GetString());

        var lot = events.First(e => e.Type == "lot");
        using var lt = JsonDocument.Parse(LaneEventJson.SerializeData(lot));
        Assert.Equal("massSystematic", lt.RootElement.GetProperty("plan").GetProperty("scheme").GetString());
        Assert.Equal("sc.event.lot/1", lot.Schema);
    }

    [Fact]
    public void A_brand_finding_serialises_with_its_measured_families()
    {
        var lane = new TestLane(verdicts: v => v.BrandMinOreSpectra = 10);
        lane.Core.StartLot(TestLane.Declaration());
        lane.Core.RecordBeltSpeed(5, lane.Clock.At(0));
        lane.Run(5, 1, each: t => lane.Core.Observe(Observe.Ore(lane.Clock.At(t), "magnetite")));
        lane.Core.Tick();
        lane.Collect();
        var brand = lane.Events.Single(e => e.Type == LaneEventTypes.Brand);
        using var doc = JsonDocument.Parse(LaneEventJson.SerializeData(brand));
        Assert.Equal("mismatch", doc.RootElement.GetProperty("state").GetString());
        Assert.Equal(10, doc.RootElement.GetProperty("measuredFamilies").GetProperty("magnetite").GetInt32());
    }
}
