using System.Text.Json.Nodes;
using SmartCustoms.Edge.Core;
using SmartCustoms.Edge.Core.Events;
using SmartCustoms.Edge.Core.Observations;
using SmartCustoms.Edge.Core.Options;
using SmartCustoms.Edge.IntegrationTests.Infrastructure;

namespace SmartCustoms.Edge.IntegrationTests.Schemas;

/// <summary>
/// The lot payloads with a supervisor's HOLD release (additive field <c>releases</c> in v1): the core's own
/// serialisation of a released lot validates against both lot schemas, and a release without its note or
/// supervisor does not.
/// </summary>
public sealed class LotReleaseSchemaTests
{
    private static string ReleasedLotData()
    {
        var core = new LaneCore(
            Microsoft.Extensions.Options.Options.Create(new LaneGeometryOptions()),
            Microsoft.Extensions.Options.Options.Create(new SegmentOptions()),
            Microsoft.Extensions.Options.Options.Create(new VerdictOptions()),
            Microsoft.Extensions.Options.Options.Create(new SamplingOptions()),
            TimeProvider.System);
        Assert.True(core.StartLot(new Core.Lots.LotDeclaration("LOT-R", "DEC-R", "MV R", "Pilbara Blend fines", 1000, "2601110000")).Ok);
        // A radiation alarm holds the lot (Lane:Verdicts:LotHoldOnRadiationAlarm).
        core.Observe(new RadiationReading(TimeProvider.System.GetTimestamp(), 900, RadiationLevel.Alarm));
        Assert.True(core.ReleaseHold("LOT-R", "supervisor", "source found: a calibration check source, removed").Ok);
        var released = core.DrainEvents().Last(e => e.Type == LaneEventTypes.Lot);
        var data = JsonNode.Parse(LaneEventJson.SerializeData(released))!.AsObject();
        data["event"] = released.Name;
        return data.ToJsonString();
    }

    private static string Envelope(string schema, string data) =>
        $$"""{"schema":"{{schema}}","id":"01a21b9f-5cb7-713f-9a73-a5a95884d1e6","seq":7,"ts":"2026-11-27T06:09:18.519Z","site":"s","lane":"l","lot":"LOT-R","data":{{data}}}""";

    [Theory]
    [InlineData("sc.event.lot/1")]
    [InlineData("sc.lot.verdict/1")]
    public void A_released_lot_as_the_core_builds_it_is_valid(string schema)
    {
        var data = ReleasedLotData();
        Assert.Contains("\"releases\":[{\"by\":\"supervisor\"", data, StringComparison.Ordinal);
        Assert.Contains("\"hold-released\"", data, StringComparison.Ordinal);
        Assert.Empty(PayloadSchemas.Instance.Validate(schema, Envelope(schema, data)));
    }

    [Theory]
    [InlineData("\"note\":\"source found: a calibration check source, removed\"", "\"note\":\"\"", "note")]
    [InlineData("\"by\":\"supervisor\",", "", "by")]
    [InlineData("\"contaminatedSegments\":0}", "\"contaminatedSegments\":-1}", "contaminatedSegments")]
    public void A_release_without_its_facts_is_refused(string part, string replacement, string named)
    {
        var data = ReleasedLotData();
        var broken = data.Replace(part, replacement, StringComparison.Ordinal);
        Assert.NotEqual(data, broken);
        var errors = PayloadSchemas.Instance.Validate("sc.event.lot/1", Envelope("sc.event.lot/1", broken));
        Assert.Contains(errors, e => e.Contains(named, StringComparison.Ordinal));
    }

    [Fact]
    public void Older_lot_payloads_without_releases_stay_valid()
    {
        var data = JsonNode.Parse(ReleasedLotData())!.AsObject();
        data.Remove("releases");
        Assert.Empty(PayloadSchemas.Instance.Validate("sc.event.lot/1", Envelope("sc.event.lot/1", data.ToJsonString())));
    }
}
