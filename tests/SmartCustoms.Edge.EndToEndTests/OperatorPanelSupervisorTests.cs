using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace SmartCustoms.Edge.EndToEndTests;

/// <summary>
/// The supervisor's actions on the same contaminated gateway: change a verdict threshold from the thresholds
/// panel (the lot then goes to HOLD on its first contaminated segment), release the HOLD with a note; an
/// operator is refused both, by the page and by the server.
/// </summary>
public sealed partial class OperatorPanelTests
{
    private const string HoldKey = "LotHoldContaminatedSegments";

    [Fact]
    public async Task Supervisor_changes_a_threshold_and_releases_a_hold_an_operator_may_not()
    {
        var lotId = "LOT-SUP-" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        var page = await PanelPages.SignedInAsync(browser.Browser, Gateway, "supervisor", SimulatedGateway.SupervisorPin);
        await EndOpenLotAsync(page);
        var start = await page.Context.APIRequest.PostAsync(Gateway.Url + "/ui/commands/start-lot", new()
        {
            DataObject = new Dictionary<string, object> { ["lotId"] = lotId, ["declarationNumber"] = "DEC-SUP", ["vessel"] = "MV Held", ["declaredBrand"] = "Pilbara Blend fines", ["declaredMassTonnes"] = 30000, ["hsCode"] = "2601110000" },
        });
        Assert.Equal(200, start.Status);
        try
        {
            // The thresholds panel: HOLD from the first contaminated segment.
            await page.ClickAsync("#tab-lots");
            await Expect(page.Locator("#lot-id")).ToHaveTextAsync(lotId, new() { Timeout = 15_000 });
            var row = page.Locator($"tr[data-threshold='{HoldKey}']");
            await Expect(row.Locator("button")).ToHaveAttributeAsync("aria-disabled", "false", new() { Timeout = 10_000 });
            await row.Locator("button").ClickAsync();
            var form = page.Locator("#form-threshold");
            await form.Locator("[name=value]").FillAsync("0");
            await form.Locator("button[type=submit]").ClickAsync();
            await Expect(form.Locator(".message")).ToContainTextAsync($"Lane:Verdicts:{HoldKey} must be ≥ 1, got 0", new() { Timeout = 10_000 });
            await form.Locator("[name=value]").FillAsync("1");
            await form.Locator("button[type=submit]").ClickAsync();
            await Expect(page.Locator("#toast")).ToContainTextAsync($"{HoldKey} set to 1", new() { Timeout = 10_000 });
            await Expect(row.Locator(".threshold-value")).ToHaveTextAsync("1");
            Assert.Contains($"\"{HoldKey}\": 1", await File.ReadAllTextAsync(Path.Combine(Gateway.DataPath, "lane-thresholds.json")), StringComparison.Ordinal);
            await Screenshots.SaveAsync(page, "lots-thresholds");

            // The lot goes to HOLD; the supervisor releases it with a note.
            await Expect(page.Locator("#lot-verdict")).ToHaveTextAsync("hold", new() { Timeout = 60_000 });
            await Expect(page.Locator("#btn-release-hold")).ToBeVisibleAsync();
            await page.EvaluateAsync("() => window.scrollTo(0, 0)");
            await Screenshots.SaveAsync(page, "lot-hold");
            var empty = await page.Context.APIRequest.PostAsync(Gateway.Url + "/ui/commands/release-hold", new() { DataObject = new Dictionary<string, object> { ["lotId"] = lotId, ["note"] = " " } });
            Assert.Equal(422, empty.Status);
            Assert.Contains("release-hold: field 'note' is required", await empty.TextAsync(), StringComparison.Ordinal);
            var before = (await Gateway.Http.GetFromJsonAsync<JsonElement>(Gateway.Url + "/api/events?afterSeq=0&limit=1")).GetProperty("lastSeq").GetInt64();
            await page.ClickAsync("#btn-release-hold");
            await page.Locator("#form-release [name=note]").FillAsync("Inspected at the transfer tower: wood removed, ore as declared");
            await Screenshots.SaveAsync(page, "release-hold");
            await page.Locator("#form-release button[type=submit]").ClickAsync();
            await Expect(page.Locator("#toast")).ToContainTextAsync("HOLD released", new() { Timeout = 10_000 });

            // Published: a lot verdict update carrying the release (the lot may be held again by new evidence later).
            JsonElement released = default;
            var seen = before;
            await Gateway.WaitUntilAsync(async () =>
            {
                var events = await Gateway.Http.GetFromJsonAsync<JsonElement>(Gateway.Url + $"/api/events?afterSeq={seen}&limit=1000");
                foreach (var e in events.GetProperty("events").EnumerateArray())
                {
                    seen = Math.Max(seen, e.GetProperty("seq").GetInt64());
                    if (e.GetProperty("schema").GetString() == "sc.event.lot/1" && e.GetProperty("lot").GetString() == lotId &&
                        e.GetProperty("data").TryGetProperty("releases", out var r) && r.GetArrayLength() > 0)
                    {
                        released = e.GetProperty("data").Clone();
                        return true;
                    }
                }

                return false;
            }, "the lot event with the release", TimeSpan.FromSeconds(15));
            Assert.Equal("suspect", released.GetProperty("verdict").GetProperty("level").GetString());
            var release = released.GetProperty("releases")[0];
            Assert.Equal("supervisor", release.GetProperty("by").GetString());
            Assert.Equal("Inspected at the transfer tower: wood removed, ore as declared", release.GetProperty("note").GetString());
            Assert.Contains(released.GetProperty("verdict").GetProperty("reasons").EnumerateArray(), r => r.GetProperty("code").GetString() == "hold-released");

            // A second release of a lot no longer on HOLD is refused with the reason. The contaminated belt may hold the
            // lot again between the two requests; then the second release is accepted and must be published as such.
            var again = await page.Context.APIRequest.PostAsync(Gateway.Url + "/ui/commands/release-hold", new() { DataObject = new Dictionary<string, object> { ["lotId"] = lotId, ["note"] = "again" } });
            if (again.Status == 200)
            {
                await Gateway.WaitUntilAsync(async () =>
                {
                    var events = await Gateway.Http.GetFromJsonAsync<JsonElement>(Gateway.Url + $"/api/events?afterSeq={before}&limit=1000");
                    return events.GetProperty("events").EnumerateArray().Any(e =>
                        e.GetProperty("schema").GetString() == "sc.event.lot/1" && e.GetProperty("lot").GetString() == lotId &&
                        e.GetProperty("data").TryGetProperty("releases", out var r) && r.GetArrayLength() >= 2 && r[1].GetProperty("note").GetString() == "again");
                }, "the lot event with the second release (the lot was held again by new evidence)", TimeSpan.FromSeconds(15));
            }
            else
            {
                Assert.Equal(422, again.Status);
                Assert.Contains("is not on HOLD", await again.TextAsync(), StringComparison.Ordinal);
            }

            // An operator: the page explains on a tap, the server refuses both actions.
            var op = await PanelPages.SignedInAsync(browser.Browser, Gateway, "operator", SimulatedGateway.OperatorPin);
            await op.ClickAsync("#tab-lots");
            var opRow = op.Locator($"tr[data-threshold='{HoldKey}'] button");
            await Expect(opRow).ToHaveAttributeAsync("aria-disabled", "true", new() { Timeout = 10_000 });
            await opRow.ClickAsync(new() { Force = true });
            await Expect(op.Locator("#toast")).ToContainTextAsync("Not allowed");
            await Expect(op.Locator("#dlg-threshold")).Not.ToBeVisibleAsync();

            // A change made elsewhere (here the supervisor's session over HTTP) reaches the open card without a reload.
            var elsewhere = await page.Context.APIRequest.PostAsync(Gateway.Url + "/ui/commands/set-threshold", new() { DataObject = new Dictionary<string, object> { ["name"] = HoldKey, ["value"] = 2 } });
            Assert.Equal(200, elsewhere.Status);
            await Expect(op.Locator($"tr[data-threshold='{HoldKey}'] .threshold-value")).ToHaveTextAsync("2", new() { Timeout = 10_000 });
            foreach (var (action, body) in new[]
            {
                ("release-hold", new Dictionary<string, object> { ["lotId"] = lotId, ["note"] = "operator tries" }),
                ("set-threshold", new Dictionary<string, object> { ["name"] = HoldKey, ["value"] = 5 }),
            })
            {
                var refused = await op.Context.APIRequest.PostAsync(Gateway.Url + "/ui/commands/" + action, new() { DataObject = body });
                Assert.Equal(403, refused.Status);
                Assert.Contains($"{action} needs supervisor", JsonDocument.Parse(await refused.TextAsync()).RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);
            }

            // The devices page shows the lane I/O's own last reading (inputs, stack light outputs, encoder).
            await op.ClickAsync("#tab-devices");
            await Expect(op.Locator("#device-table tr", new() { HasText = "laneio" })).ToContainTextAsync(
                new Regex("belt (running|stopped) · e-stop (released|ACTIVE).* · stack light (red|amber|green|off)"), new() { Timeout = 15_000 });

            // The machine API without a supervisor token is refused too (no tokens are configured here at all).
            using var api = new HttpRequestMessage(HttpMethod.Post, Gateway.Url + "/api/commands/set-threshold") { Content = JsonContent.Create(new { name = HoldKey, value = 5 }) };
            using var apiAnswer = await Gateway.Http.SendAsync(api);
            Assert.Equal(System.Net.HttpStatusCode.Unauthorized, apiAnswer.StatusCode);
            Assert.Equal(2, (await ThresholdsAsync(op, Gateway.Url))[HoldKey]);

            // Audited: the threshold change and the release with who did them; the operator's refusals.
            await Gateway.WaitUntilAsync(() => Task.FromResult(Gateway.AuditLines().Any(l => l.Contains("refused: role operator may not set-threshold", StringComparison.Ordinal))),
                "the operator's refusal in the audit chain", TimeSpan.FromSeconds(10));
            var audit = Gateway.AuditLines();
            Assert.Contains(audit, l => l.Contains("\"release-hold\"", StringComparison.Ordinal) && l.Contains("\"supervisor\"", StringComparison.Ordinal) && l.Contains("\"ok\"", StringComparison.Ordinal));
            Assert.Contains(audit, l => l.Contains("\"set-threshold\"", StringComparison.Ordinal) && l.Contains("\"supervisor\"", StringComparison.Ordinal) && l.Contains("\"ok\"", StringComparison.Ordinal));
        }
        finally
        {
            // Leave the shared gateway as the other tests expect it: default threshold, no lot open.
            await page.Context.APIRequest.PostAsync(Gateway.Url + "/ui/commands/set-threshold", new() { DataObject = new Dictionary<string, object> { ["name"] = HoldKey, ["value"] = 3 } });
            await EndOpenLotAsync(page);
        }
    }

    private async Task EndOpenLotAsync(IPage page)
    {
        if ((await Gateway.LaneAsync()).GetProperty("lot").ValueKind != JsonValueKind.Null)
        {
            var ended = await page.Context.APIRequest.PostAsync(Gateway.Url + "/ui/commands/end-lot", new() { DataObject = new Dictionary<string, object>() });
            Assert.Equal(200, ended.Status);
        }
    }

    private static async Task<Dictionary<string, double>> ThresholdsAsync(IPage page, string gatewayUrl)
    {
        await page.GotoAsync(gatewayUrl + "/ui/lots");
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var row in await page.Locator("tr[data-threshold]").AllAsync())
        {
            var name = await row.GetAttributeAsync("data-threshold") ?? string.Empty;
            values[name] = double.Parse(await row.Locator(".threshold-value").TextContentAsync() ?? "NaN", System.Globalization.CultureInfo.InvariantCulture);
        }

        return values;
    }
}
