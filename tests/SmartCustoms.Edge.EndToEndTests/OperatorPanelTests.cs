using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace SmartCustoms.Edge.EndToEndTests;

/// <summary>
/// The acceptance run of the operator panel: system Chromium against the real gateway in
/// <c>--simulate --scenario contaminated</c> (simulated devices over their real protocols, the real model, the
/// real store). Sign-in, a lot with live detections, an acknowledged alarm, a manual increment cut by the
/// simulated sampler, every page, the lot report, and the refusals. Screenshots go to <c>docs/screenshots/</c>.
/// </summary>
[Collection(OneGatewayAtATime.Name)]
public sealed partial class OperatorPanelTests(BrowserFixture browser, ContaminatedGatewayFixture fixture)
    : IClassFixture<BrowserFixture>, IClassFixture<ContaminatedGatewayFixture>
{
    private static readonly LocatorAssertionsToContainTextOptions Live = new() { Timeout = 30_000 };

    private SimulatedGateway Gateway => fixture.Gateway;

    [Fact]
    public async Task Operator_runs_a_contaminated_lot_from_sign_in_to_report()
    {
        // Sign-in: a wrong PIN is refused and leaves no session; the right one signs in.
        var page = await PanelPages.NewPageAsync(browser.Browser);
        await page.GotoAsync(Gateway.Url + "/ui/sign-in");
        await Expect(page.Locator("#demo-users")).ToContainTextAsync("operator 1111");
        await Screenshots.SaveAsync(page, "sign-in");
        await page.ClickAsync(".user-tile[data-user='operator']");
        await PanelPages.TypePinAsync(page, "9999");
        await page.ClickAsync("#signin-button");
        await Expect(page.Locator("#message")).ToHaveTextAsync("Wrong PIN for operator. 4 attempts left.");
        Assert.Empty(await page.Context.CookiesAsync());
        await Screenshots.SaveAsync(page, "sign-in-wrong-pin");
        await PanelPages.TypePinAsync(page, SimulatedGateway.OperatorPin);
        await page.ClickAsync("#signin-button");
        await page.WaitForURLAsync(Gateway.Url + "/");
        await Expect(page.Locator("#who")).ToContainTextAsync("operator");
        var cookie = Assert.Single(await page.Context.CookiesAsync());
        Assert.True(cookie.HttpOnly);
        Assert.Equal(SameSiteAttribute.Strict, cookie.SameSite);

        // Marks this page load: if the view reloaded instead of updating live, the mark would be gone.
        await Expect(page.Locator("#conn")).ToContainTextAsync("live", new() { Timeout = 15_000 });
        await page.EvaluateAsync("() => { window.__sameLoad = true; }");

        // Start a lot.
        var lotId = "LOT-E2E-" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        await page.ClickAsync("#btn-start-lot");
        var form = page.Locator("#form-start-lot");
        await form.Locator("[name=lotId]").FillAsync(lotId);
        await form.Locator("[name=declarationNumber]").FillAsync("DEC-2026-0042");
        await form.Locator("[name=vessel]").FillAsync("MV Pacific Ore");
        await form.Locator("[name=declaredBrand]").FillAsync("Pilbara Blend fines");
        await form.Locator("[name=declaredMassTonnes]").FillAsync("65000");
        await form.Locator("[name=hsCode]").FillAsync("2601110000");
        await form.Locator("button[type=submit]").ClickAsync();
        await Expect(page.Locator("#lot-id")).ToHaveTextAsync(lotId, new() { Timeout = 15_000 });

        // The contaminated scenario: detections arrive live (event feed, red belt segment, the model's
        // reading of the spectrum, a contamination alarm) and the verdict leaves "clear".
        await Expect(page.Locator("#event-list")).ToContainTextAsync("detection", Live);
        await Expect(page.Locator("#alarm-list li", new() { HasTextRegex = new Regex("segment \\d+ contaminated") }).First).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Expect(page.Locator("#belt-svg rect[fill='#e5383b']").First).ToBeAttachedAsync(new() { Timeout = 30_000 });
        await Expect(page.Locator("#lot-verdict")).ToHaveTextAsync(new Regex("^(suspect|hold)$"), new() { Timeout = 30_000 });
        await Expect(page.Locator("#stack")).ToHaveClassAsync(new Regex("\\b(red|amber)\\b"));
        await Expect(page.Locator("#spectrum-svg path")).ToBeAttachedAsync(new() { Timeout = 15_000 });
        await Expect(page.Locator("#fig-radiation")).Not.ToHaveTextAsync("—", new() { Timeout = 15_000 });
        // The camera image is the MJPEG stream and is showing frames.
        await page.WaitForFunctionAsync("() => document.getElementById('camera-img')?.naturalWidth > 0", null, new() { Timeout = 15_000 });
        await Expect(page.Locator("#toast")).ToBeHiddenAsync(new() { Timeout = 10_000 });
        await Screenshots.SaveAsync(page, "lane-view");
        await page.SetViewportSizeAsync(1920, 1080);
        await page.WaitForTimeoutAsync(700); // one more stream tick at the new size, so the picture is settled
        await Screenshots.SaveAsync(page, "lane-view-1920x1080");
        await page.SetViewportSizeAsync(1280, 800);

        // Acknowledge a contamination alarm with a note.
        var alarm = page.Locator("#alarm-list li", new() { HasTextRegex = new Regex("segment \\d+ contaminated") }).First;
        var alarmId = await alarm.GetAttributeAsync("data-alarm");
        Assert.False(string.IsNullOrEmpty(alarmId));
        await alarm.Locator("button[data-ack]").ClickAsync();
        await page.Locator("#form-ack [name=note]").FillAsync("Belt stopped, tramp metal removed by hand");
        await Screenshots.SaveAsync(page, "acknowledge-alarm");
        await page.Locator("#form-ack button[type=submit]").ClickAsync();
        await Expect(page.Locator("#toast")).ToHaveTextAsync("Alarm acknowledged.");
        await Gateway.WaitUntilAsync(async () => await AlarmAsync(alarmId!) is not { } a || a.GetProperty("acknowledgedBy").GetString() == "operator",
            "the alarm acknowledged by operator", TimeSpan.FromSeconds(15));
        await Expect(page.Locator($"#alarm-list li[data-alarm='{alarmId}'] button[data-ack]")).ToHaveCountAsync(0, new() { Timeout = 15_000 });

        // A manual increment, cut and acknowledged by the simulated sampler (Modbus handshake). The contaminated
        // lane keeps the cutter busy with triggered cuts; a request that lands inside a cut cycle is refused
        // with that reason, and the operator asks again, as at the real panel.
        for (var attempt = 1; ; attempt++)
        {
            var before = (await LatestManualIncrementAsync()).Id;
            await page.ClickAsync("#btn-increment");
            await page.Locator("#form-increment [name=reason]").FillAsync("operator check");
            await page.Locator("#form-increment button[type=submit]").ClickAsync();
            // Accepted (toast), or refused at once with the reason in the dialog (e.g. the sampler is cutting).
            var accepted = page.Locator("#toast", new() { HasText = "Increment requested." });
            var refusedNow = page.Locator("#form-increment .message", new() { HasTextRegex = new Regex("^(?!Sending).+") });
            await Expect(accepted.Or(refusedNow)).ToBeVisibleAsync(new() { Timeout = 10_000 });
            if (await refusedNow.IsVisibleAsync())
            {
                Assert.True(attempt < 3, "manual increment refused three times: " + await refusedNow.TextContentAsync());
                await page.Locator("#form-increment [data-close]").ClickAsync();
                await page.WaitForTimeoutAsync(2000); // the cut cycle in progress ends
                continue;
            }

            string? state = null;
            await Gateway.WaitUntilAsync(async () => await LatestManualIncrementAsync() is var (id, s) && id > before && (state = s) is "acknowledged" or "taken" or "refused" or "missed",
                "the manual increment decided", TimeSpan.FromSeconds(30));
            if (state is "acknowledged" or "taken" || attempt == 3)
            {
                Assert.True(state is "acknowledged" or "taken", $"manual increment {state} three times");
                break;
            }

            await page.WaitForTimeoutAsync(2000); // the cut cycle in progress ends
        }

        await Expect(page.Locator("#increment-list")).ToContainTextAsync(new Regex("manual · (acknowledged|taken)"), Live);

        // A device going down shows a banner at once (the simulator drops the camera for a few seconds).
        await Gateway.FaultAsync("radiation", "disconnect", 12);
        await Expect(page.Locator("#banners")).ToContainTextAsync("RADIATION DOWN", Live);
        await Screenshots.SaveAsync(page, "lane-view-device-down");
        Assert.True(await page.EvaluateAsync<bool>("() => window.__sameLoad === true"), "the lane view reloaded instead of updating live");

        // The other pages, with what this run produced.
        await page.ClickAsync("#tab-alarms");
        await Expect(page.Locator("#alarm-history")).ToContainTextAsync("Belt stopped, tramp metal removed by hand");
        await Expect(page.Locator("#alarm-history")).ToContainTextAsync("acknowledged");
        await Screenshots.SaveAsync(page, "alarms");

        await page.ClickAsync("#tab-samples");
        await Expect(page.Locator("#increment-table")).ToContainTextAsync("operator check", Live);
        await Expect(page.Locator("#sampler-state")).Not.ToHaveTextAsync("—", new() { Timeout = 15_000 });
        await Screenshots.SaveAsync(page, "samples");

        await page.ClickAsync("#tab-devices");
        await Expect(page.Locator("#device-table")).ToContainTextAsync("nir", Live);
        await Expect(page.Locator("#calibration-now")).ToContainTextAsync("NIR", Live);
        await Expect(page.Locator("#btn-calibrate")).ToHaveAttributeAsync("aria-disabled", "true");
        await Screenshots.SaveAsync(page, "devices");

        // End the lot from the lots page; its row appears in the history live; open its report.
        await page.ClickAsync("#tab-lots");
        await Expect(page.Locator("#lot-id")).ToHaveTextAsync(lotId, new() { Timeout = 30_000 });
        await page.ClickAsync("#btn-end-lot");
        await page.Locator("#form-end-lot button[type=submit]").ClickAsync();
        await Expect(page.Locator("#lot-id")).ToHaveTextAsync("No lot open", new() { Timeout = 15_000 });
        var row = page.Locator("#lot-history tr", new() { HasText = lotId });
        await Expect(row).ToContainTextAsync(new Regex("(suspect|hold)"), Live);
        await Screenshots.SaveAsync(page, "lots");
        await row.Locator("a", new() { HasText = "Report" }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Lot report · " + lotId);
        await Expect(page.Locator("#report-verdict")).ToHaveTextAsync(new Regex("^(SUSPECT|HOLD)$"));
        await Expect(page.Locator("main")).ToContainTextAsync("DEC-2026-0042");
        // The reason codes behind the verdict (which of them depends on what the simulator sent this time).
        await Expect(page.Locator("main")).ToContainTextAsync(new Regex("(contaminated|suspect)-segments"));
        await Expect(page.Locator("table.grid")).ToContainTextAsync("manual");
        await Screenshots.SaveAsync(page, "lot-report");
    }

    [Fact]
    public async Task Handler_refusal_is_shown_in_the_dialog()
    {
        var page = await PanelPages.SignedInAsync(browser.Browser, Gateway, "supervisor", SimulatedGateway.SupervisorPin);
        await page.ClickAsync("#btn-start-lot", new() { Force = true });
        var form = page.Locator("#form-start-lot");
        await form.Locator("[name=lotId]").FillAsync("LOT-BAD");
        await form.Locator("[name=declarationNumber]").FillAsync("DEC-1");
        await form.Locator("[name=vessel]").FillAsync("MV Test");
        await form.Locator("[name=declaredBrand]").FillAsync("Pilbara Blend fines");
        await form.Locator("[name=declaredMassTonnes]").FillAsync("1000");
        await form.Locator("[name=hsCode]").FillAsync("12");
        await form.Locator("button[type=submit]").ClickAsync();
        await Expect(form.Locator(".message")).ToContainTextAsync("hsCode must be 6-10 digits", new() { Timeout = 10_000 });
        await Screenshots.SaveAsync(page, "start-lot-refused");
        var lot = (await Gateway.LaneAsync()).GetProperty("lot");
        Assert.True(lot.ValueKind == JsonValueKind.Null || lot.GetProperty("declaration").GetProperty("lotId").GetString() != "LOT-BAD");
    }

    [Fact]
    public async Task Roles_are_enforced_by_the_server_and_remote_officers_only_look()
    {
        var body = new Dictionary<string, object> { ["lotId"] = "LOT-X", ["declarationNumber"] = "D", ["vessel"] = "V", ["declaredBrand"] = "B", ["declaredMassTonnes"] = 10, ["hsCode"] = "260111" };

        // A technician may not start a lot: the page explains on a tap, the server refuses whatever the page shows.
        var tech = await PanelPages.SignedInAsync(browser.Browser, Gateway, "technician", SimulatedGateway.TechnicianPin);
        await Expect(tech.Locator("#btn-start-lot")).ToHaveAttributeAsync("aria-disabled", "true", new() { Timeout = 10_000 });
        await tech.ClickAsync("#btn-start-lot", new() { Force = true });
        await Expect(tech.Locator("#toast")).ToContainTextAsync("Not allowed");
        await Expect(tech.Locator("#dlg-start-lot")).Not.ToBeVisibleAsync();
        var refused = await tech.Context.APIRequest.PostAsync(Gateway.Url + "/ui/commands/start-lot", new() { DataObject = body });
        Assert.Equal(403, refused.Status);
        Assert.Contains("start-lot needs operator or supervisor", JsonDocument.Parse(await refused.TextAsync()).RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);
        // The technician's page: calibration is theirs.
        await tech.ClickAsync("#tab-devices");
        await Expect(tech.Locator("#btn-calibrate")).ToHaveAttributeAsync("aria-disabled", "false", new() { Timeout = 15_000 });
        await tech.ClickAsync("#btn-calibrate");
        await tech.Locator("#form-calibrate button[type=submit]").ClickAsync();
        await Expect(tech.Locator("#toast")).ToContainTextAsync("NIR calibration taken", new() { Timeout = 30_000 });
        await Expect(tech.Locator("#calibration-history")).ToContainTextAsync("requested by technician", new() { Timeout = 15_000 });
        await Screenshots.SaveAsync(tech, "devices-technician");

        // A remote officer sees the lane (read-only badge, live camera) and may do nothing.
        var remote = await PanelPages.SignedInAsync(browser.Browser, Gateway, "remote", SimulatedGateway.RemotePin);
        await Expect(remote.Locator("#readonly")).ToHaveTextAsync("read-only");
        await remote.WaitForFunctionAsync("() => document.getElementById('camera-img')?.naturalWidth > 0", null, new() { Timeout = 15_000 });
        foreach (var action in new[] { "start-lot", "end-lot", "request-increment", "ack-alarm", "calibrate" })
        {
            var answer = await remote.Context.APIRequest.PostAsync(Gateway.Url + "/ui/commands/" + action, new() { DataObject = body });
            Assert.Equal(403, answer.Status);
        }

        // The page explains on a tap too (the contaminated lane always has an alarm to try on).
        await remote.Locator("#alarm-list button[data-ack]").First.ClickAsync(new() { Force = true, Timeout = 30_000 });
        await Expect(remote.Locator("#toast")).ToContainTextAsync("read-only");
        await Screenshots.SaveAsync(remote, "remote-officer");

        // Nobody signed in: 401.
        await using var anonymous = await browser.Browser.NewContextAsync();
        var anon = await anonymous.APIRequest.PostAsync(Gateway.Url + "/ui/commands/start-lot", new() { DataObject = body });
        Assert.Equal(401, anon.Status);
        var lot = (await Gateway.LaneAsync()).GetProperty("lot");
        Assert.True(lot.ValueKind == JsonValueKind.Null || lot.GetProperty("declaration").GetProperty("lotId").GetString() != "LOT-X");

        // Audited: the sign-ins, the refusals for the role, and the calibration the technician ran.
        await Gateway.WaitUntilAsync(() => Task.FromResult(Gateway.AuditLines().Any(l => l.Contains("refused: role remote-officer may not calibrate", StringComparison.Ordinal))),
            "the remote officer's refusals in the audit chain", TimeSpan.FromSeconds(10));
        var audit = Gateway.AuditLines();
        Assert.Contains(audit, l => l.Contains("\"sign-in\"", StringComparison.Ordinal) && l.Contains("\"technician\"", StringComparison.Ordinal));
        Assert.Contains(audit, l => l.Contains("refused: role technician may not start-lot", StringComparison.Ordinal));
        Assert.Contains(audit, l => l.Contains("\"calibrate\"", StringComparison.Ordinal) && l.Contains("technician", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Video_is_a_multipart_jpeg_stream_of_the_lane_camera()
    {
        await Gateway.WaitUntilAsync(async () => (await Gateway.LaneAsync()).GetProperty("devices").EnumerateArray()
            .Any(d => d.GetProperty("device").GetString() == "camera" && d.GetProperty("state").GetString() == "up"), "the camera up", TimeSpan.FromSeconds(30));
        using var request = new HttpRequestMessage(HttpMethod.Get, Gateway.Url + "/video/camera.mjpg");
        using var response = await Gateway.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("multipart/x-mixed-replace", response.Content.Headers.ContentType?.MediaType);
        await using var stream = await response.Content.ReadAsStreamAsync();
        var parts = await MultipartJpeg.ReadPartsAsync(stream, count: 3, TimeSpan.FromSeconds(15));
        Assert.Equal(3, parts.Count);
        Assert.All(parts, p => Assert.True(p.Jpeg.Length > 1000 && p.Jpeg[0] == 0xFF && p.Jpeg[1] == 0xD8, "each part is a JPEG"));
        Assert.True(parts[2].Sequence > parts[0].Sequence, "frames are new ones, not the same frame again");

        using var wrong = await Gateway.Http.GetAsync(Gateway.Url + "/video/no-such-camera.mjpg");
        Assert.Equal(404, (int)wrong.StatusCode);
    }

    /// <summary>The newest manual increment's id and state (0 and null before the first).</summary>
    private async Task<(uint Id, string? State)> LatestManualIncrementAsync()
    {
        var manual = (await Gateway.LaneAsync()).GetProperty("recentIncrements").EnumerateArray()
            .Where(i => i.GetProperty("reason").GetString() == "manual")
            .OrderByDescending(i => i.GetProperty("id").GetUInt32())
            .FirstOrDefault();
        return manual.ValueKind == JsonValueKind.Object ? (manual.GetProperty("id").GetUInt32(), manual.GetProperty("state").GetString()) : (0, null);
    }

    private async Task<JsonElement?> AlarmAsync(string id)
    {
        foreach (var a in (await Gateway.LaneAsync()).GetProperty("openAlarms").EnumerateArray())
        {
            if (a.GetProperty("id").GetString() == id)
            {
                return a;
            }
        }

        return null;
    }
}
