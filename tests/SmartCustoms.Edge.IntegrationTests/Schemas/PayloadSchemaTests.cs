using SmartCustoms.Edge.IntegrationTests.Infrastructure;

namespace SmartCustoms.Edge.IntegrationTests.Schemas;

/// <summary>
/// The shipped schemas themselves: they load, cross-reference the envelope, accept payloads shaped like the
/// gateway's and refuse what breaks the contract (so the published-payload test can fail).
/// </summary>
public sealed class PayloadSchemaTests
{
    private const string Detection = """
        {"schema":"sc.event.detection/1","id":"01a21b9f-5cb7-713f-9a73-a5a95884d1e6","seq":19,"ts":"2026-11-27T06:09:18.519Z","site":"s","lane":"l","lot":null,
         "data":{"device":"nir","kind":"spectral","material":"plastic","peakProbability":1,"meanProbability":0.98,"spectra":38,"spectraByClass":{"plastic":38},
         "firstSequence":4875,"lastSequence":4912,"deviceTimeUs":4505527254,"durationMs":74,"seenAt":"2026-11-27T06:09:18.4061456Z","threshold":0.7537,
         "calibrationId":"SIM-1","model":{"id":"sc-spectral-cnn","version":"1.0.0","sha256":"0f8574df4f564fdee4292ac485799a6597c6a13eaf8bce5ac9964c0f03a49d6f"}}}
        """;

    public static TheoryData<string> Published => new()
    {
        "sc.lane.state/1", "sc.device.state/1", "sc.event.calibration/1", "sc.event.spectra/1", "sc.event.detection/1",
        "sc.event.segment/1", "sc.event.lot/1", "sc.event.increment/1", "sc.event.alarm/1", "sc.event.brand/1",
        "sc.lot.verdict/1", "envelope/1", PayloadSchemas.CommandReply,
    };

    [Theory]
    [MemberData(nameof(Published))]
    public void Every_published_payload_has_a_schema(string name) =>
        Assert.Contains(name, PayloadSchemas.Instance.Names);

    [Fact]
    public void A_detection_as_the_gateway_builds_it_is_valid() =>
        Assert.Empty(PayloadSchemas.Instance.Validate("sc.event.detection/1", Detection));

    [Theory]
    [InlineData("\"seq\":19,", "", "seq")]                                   // only the Last Will has no seq
    [InlineData("\"seq\":19", "\"seq\":0", "minimum")]                        // seq starts at 1
    [InlineData("\"ts\":\"2026-11-27T06:09:18.519Z\"", "\"ts\":\"2026-11-27 06:09\"", "ts")]
    [InlineData("\"material\":\"plastic\",", "", "material")]                // required data field
    [InlineData("\"spectra\":38,", "\"spectra\":\"38\",", "spectra")]        // types
    [InlineData("\"lot\":null,", "\"lot\":null,\"extra\":1,", "extra")]      // the envelope is closed
    [InlineData("\"schema\":\"sc.event.detection/1\"", "\"schema\":\"sc.event.spectra/1\"", "schema")]
    public void A_detection_that_breaks_the_contract_is_refused_naming_the_problem(string part, string replacement, string named)
    {
        var broken = Detection.Replace(part, replacement, StringComparison.Ordinal);
        Assert.NotEqual(Detection, broken);
        var errors = PayloadSchemas.Instance.Validate("sc.event.detection/1", broken);
        Assert.NotEmpty(errors);
        Assert.Contains(errors, e => e.Contains(named, StringComparison.Ordinal));
    }

    [Fact]
    public void Data_may_grow_by_additive_members_within_v1()
    {
        var extended = Detection.Replace("\"kind\":\"spectral\",", "\"kind\":\"spectral\",\"newField\":[1,2],", StringComparison.Ordinal);
        Assert.Empty(PayloadSchemas.Instance.Validate("sc.event.detection/1", extended));
    }

    [Theory]
    [InlineData("""{"schema":"sc.lane.state/1","id":"will-01a2","ts":"2026-11-27T06:09:08.959Z","site":"s","lane":"l","lot":null,"data":{"online":false,"reason":"connection lost"}}""", true)]
    [InlineData("""{"schema":"sc.lane.state/1","id":"will-01a2","seq":4,"ts":"2026-11-27T06:09:08.959Z","site":"s","lane":"l","lot":null,"data":{"online":false,"reason":"connection lost"}}""", false)]
    [InlineData("""{"schema":"sc.lane.state/1","id":"01a2","ts":"2026-11-27T06:09:08.959Z","site":"s","lane":"l","lot":null,"data":{"online":false,"reason":"shutdown"}}""", false)]
    [InlineData("""{"schema":"sc.lane.state/1","id":"01a2","seq":9,"ts":"2026-11-27T06:09:08.959Z","site":"s","lane":"l","lot":null,"data":{"online":true,"since":"2026-11-27T06:09:09.177Z","clientId":"c"}}""", true)]
    [InlineData("""{"schema":"sc.lane.state/1","id":"01a2","seq":9,"ts":"2026-11-27T06:09:08.959Z","site":"s","lane":"l","lot":null,"data":{"online":true}}""", false)]
    [InlineData("""{"schema":"sc.lane.state/1","id":"01a2","seq":9,"ts":"2026-11-27T06:09:08.959Z","site":"s","lane":"l","lot":null,"data":{"online":true,"since":"2026-11-27T06:09:09.177Z","clientId":"c","mode":"maintenance","modeSince":"2026-11-27T06:10:00.000Z"}}""", true)]
    [InlineData("""{"schema":"sc.lane.state/1","id":"01a2","seq":9,"ts":"2026-11-27T06:09:08.959Z","site":"s","lane":"l","lot":null,"data":{"online":true,"since":"2026-11-27T06:09:09.177Z","clientId":"c","mode":"run"}}""", true)]
    [InlineData("""{"schema":"sc.lane.state/1","id":"01a2","seq":9,"ts":"2026-11-27T06:09:08.959Z","site":"s","lane":"l","lot":null,"data":{"online":true,"since":"2026-11-27T06:09:09.177Z","clientId":"c","mode":"paused"}}""", false)]
    [InlineData("""{"schema":"sc.lane.state/1","id":"01a2","seq":9,"ts":"2026-11-27T06:09:08.959Z","site":"s","lane":"l","lot":null,"data":{"online":true,"since":"2026-11-27T06:09:09.177Z","clientId":"c","mode":"run","modeSince":"yesterday"}}""", false)]
    public void Lane_state_has_a_seq_except_in_the_Last_Will(string payload, bool valid) =>
        Assert.Equal(valid, PayloadSchemas.Instance.Validate("sc.lane.state/1", payload).Count == 0);

    [Theory]
    [InlineData("""{"ok":true}""", true)]
    [InlineData("""{"ok":false,"error":"unknown command 'x'"}""", true)]
    [InlineData("""{"ok":false}""", false)]
    [InlineData("""{"ok":false,"error":""}""", false)]
    public void Command_replies(string payload, bool valid) =>
        Assert.Equal(valid, PayloadSchemas.Instance.Validate(PayloadSchemas.CommandReply, payload).Count == 0);
}
