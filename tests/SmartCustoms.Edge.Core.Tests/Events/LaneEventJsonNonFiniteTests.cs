using System.Text.Json;
using SmartCustoms.Edge.Core.Events;

namespace SmartCustoms.Edge.Core.Tests.Events;

public sealed class LaneEventJsonNonFiniteTests
{
    private sealed record Sample(double Mass, double? Share, float Score, double Fine);

    [Fact]
    public void NonFiniteNumbers_AreWrittenAsNull_NeverAsTheStringNaN_AndCounted()
    {
        var before = LaneEventJson.NonFiniteNumbers;
        var laneEvent = new LaneEvent("segment", "judged", null, DateTimeOffset.UnixEpoch,
            new Sample(double.NaN, double.PositiveInfinity, float.NegativeInfinity, 1.5));

        var json = LaneEventJson.SerializeData(laneEvent);

        Assert.Equal("{\"mass\":null,\"share\":null,\"score\":null,\"fine\":1.5}", json);
        Assert.DoesNotContain("NaN", json, StringComparison.Ordinal);
        Assert.True(LaneEventJson.NonFiniteNumbers - before >= 3);
    }

    [Fact]
    public void FiniteNumbers_RoundTrip_AndNullReadsBackAsNaN()
    {
        var json = JsonSerializer.Serialize(new Sample(2.25, null, 0.5f, -3), LaneEventJson.Options);
        Assert.Equal("{\"mass\":2.25,\"share\":null,\"score\":0.5,\"fine\":-3}", json);

        var back = JsonSerializer.Deserialize<Sample>("{\"mass\":null,\"share\":null,\"score\":0.5,\"fine\":-3}", LaneEventJson.Options)!;
        Assert.True(double.IsNaN(back.Mass));
        Assert.Null(back.Share);
    }
}
