using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using SmartCustoms.Drivers.Abstractions.Health;
using static Microsoft.Playwright.Assertions;

namespace SmartCustoms.Edge.EndToEndTests;

/// <summary>
/// The operator panel in a real browser (system Chromium) against <see cref="TestGateway"/>: sign-in,
/// live lane view, actions through the command handler, role refusals and the lot report.
/// </summary>
public sealed class OperatorUiTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static readonly LocatorAssertionsToHaveTextOptions Live = new() { Timeout = 15_000 };
    private static readonly LocatorAssertionsToContainTextOptions LiveContains = new() { Timeout = 15_000 };

    [Fact]
    public async Task Wrong_pin_is_refused_and_right_pin_signs_in()
    {
        await using var gateway = await TestGateway.StartAsync();
        var page = await NewPageAsync();
        await page.GotoAsync(gateway.Url + "/ui/sign-in");
        await Screenshots.SaveAsync(page, "sign-in");

        await page.ClickAsync(".user-tile[data-user='op1']");
        await TypePinAsync(page, "9999");
        await page.ClickAsync("#signin-button");
        await Expect(page.Locator("#message")).ToHaveTextAsync("Wrong PIN for op1. 4 attempts left.");
        Assert.EndsWith("/ui/sign-in", page.Url, StringComparison.Ordinal);
        Assert.Empty(await page.Context.CookiesAsync());
        await Screenshots.SaveAsync(page, "sign-in-wrong-pin");

        await TypePinAsync(page, TestGateway.OperatorPin);
        await page.ClickAsync("#signin-button");
        await page.WaitForURLAsync(gateway.Url + "/");
        await Expect(page.Locator("#who")).ToContainTextAsync("op1");
        await Expect(page.Locator("#who")).ToContainTextAsync("operator");
        var cookie = Assert.Single(await page.Context.CookiesAsync());
        Assert.True(cookie.HttpOnly);
        Assert.Equal(SameSiteAttribute.Strict, cookie.SameSite);
    }

    [Fact]
    public async Task Operator_runs_a_lot_live_acknowledges_its_alarm_and_opens_the_report()
    {
        await using var gateway = await TestGateway.StartAsync();
        var page = await SignedInPageAsync(gateway, "op1", TestGateway.OperatorPin);
        // Marks this page load: if the view reloaded instead of updating live, the mark would be gone.
        await page.EvaluateAsync("() => { window.__sameLoad = true; }");
        await Expect(page.Locator("#conn")).ToContainTextAsync("live", new() { Timeout = 10_000 });

        await page.ClickAsync("#btn-start-lot");
        var form = page.Locator("#form-start-lot");
        await form.Locator("[name=lotId]").FillAsync("LOT-E2E-1");
        await form.Locator("[name=declarationNumber]").FillAsync("DEC-2026-0042");
        await form.Locator("[name=vessel]").FillAsync("MV Pacific Ore");
        await form.Locator("[name=declaredBrand]").FillAsync("Pilbara Blend fines");
        await form.Locator("[name=declaredMassTonnes]").FillAsync("65000");
        await form.Locator("[name=hsCode]").FillAsync("2601110000");
        await form.Locator("button[type=submit]").ClickAsync();

        await Expect(page.Locator("#lot-id")).ToHaveTextAsync("LOT-E2E-1", Live);
        await Expect(page.Locator("#lot-verdict")).ToHaveTextAsync("clear", Live);
        await Expect(page.Locator("#event-list")).ToContainTextAsync("lot started", new() { Timeout = 15_000 });
        var start = Assert.Single(gateway.Commands.Received, c => c.Name == "start-lot");
        Assert.Equal("op1", start.Sender);

        // Contaminated material under the NIR: a red segment, a critical alarm, the verdict changes.
        await WaitUntilAsync(() => gateway.Core.GetSnapshot().Belt.PositionMetres > 40, "belt travelled 40 m");
        gateway.Feeder.Contaminate(8);
        await Expect(page.Locator("#alarm-list")).ToContainTextAsync("contaminated", new() { Timeout = 20_000 });
        await Expect(page.Locator("#belt-svg rect[fill='#e5383b']").First).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Expect(page.Locator("#lot-verdict")).ToHaveTextAsync(new Regex("^(suspect|hold)$"), Live);
        await Expect(page.Locator("#stack")).ToHaveClassAsync("stack red");
        await Expect(page.Locator("section.alarms")).ToHaveClassAsync(new Regex("\\bflash\\b"));

        // A device going down shows a banner at once.
        gateway.Core.ReportDeviceHealth(new DeviceHealth("camera", DeviceHealthState.Down, "no frame for 5 s (connection refused)", DateTimeOffset.UtcNow));
        await Expect(page.Locator("#banners")).ToContainTextAsync("CAMERA DOWN", LiveContains);
        await page.WaitForTimeoutAsync(600); // one more stream tick so the screenshot shows the settled view
        await Screenshots.SaveAsync(page, "lane-view");
        await page.SetViewportSizeAsync(1920, 1080);
        await page.WaitForTimeoutAsync(600);
        await Screenshots.SaveAsync(page, "lane-view-1920x1080");
        await page.SetViewportSizeAsync(1280, 800);
        await page.WaitForTimeoutAsync(600);

        // Acknowledge the contamination alarm with a note.
        await page.Locator("#alarm-list li", new() { HasText = "contaminated (plastic)" }).Locator("button[data-ack]").ClickAsync();
        await page.Locator("#form-ack [name=note]").FillAsync("Belt stopped, plastic liner removed by hand");
        await Screenshots.SaveAsync(page, "acknowledge-alarm");
        await page.Locator("#form-ack button[type=submit]").ClickAsync();
        await Expect(page.Locator("#alarm-list li", new() { HasText = "contaminated (plastic)" })).ToHaveCountAsync(0, new() { Timeout = 15_000 });
        var ack = Assert.Single(gateway.Commands.Received, c => c.Name == "ack-alarm");
        Assert.Equal("op1", ack.Sender);
        Assert.Equal("op1", ack.Payload.GetProperty("user").GetString());
        Assert.Equal("Belt stopped, plastic liner removed by hand", ack.Payload.GetProperty("note").GetString());

        // A manual increment, cut by the test's sampler.
        await page.ClickAsync("#btn-increment");
        await page.Locator("#form-increment button[type=submit]").ClickAsync();
        await Expect(page.Locator("#toast")).ToHaveTextAsync("Increment requested.");
        await Expect(page.Locator("#increment-list")).ToContainTextAsync("manual · taken", LiveContains);

        // A refused command shows the handler's error text.
        await page.ClickAsync("#btn-end-lot");
        await page.EvaluateAsync("() => { document.querySelector('#end-lot-id').textContent = ''; }");
        await page.Locator("#form-end-lot button[type=submit]").ClickAsync();
        await Expect(page.Locator("#lot-id")).ToHaveTextAsync("No lot open", Live);
        Assert.True(await page.EvaluateAsync<bool>("() => window.__sameLoad === true"));

        await page.GotoAsync(gateway.Url + "/lots/LOT-E2E-1/report");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Lot report · LOT-E2E-1");
        await Expect(page.Locator("#report-verdict")).ToHaveTextAsync(new Regex("^(SUSPECT|HOLD)$"));
        await Expect(page.Locator("main")).ToContainTextAsync("DEC-2026-0042");
        await Expect(page.Locator("main")).ToContainTextAsync("contaminated-segments");
        await Expect(page.Locator("table.grid")).ToContainTextAsync("manual");
        await Screenshots.SaveAsync(page, "lot-report");
    }

    [Fact]
    public async Task Start_lot_error_from_the_command_handler_is_shown_to_the_operator()
    {
        await using var gateway = await TestGateway.StartAsync();
        var page = await SignedInPageAsync(gateway, "sup1", TestGateway.SupervisorPin);
        await Expect(page.Locator("#conn")).ToContainTextAsync("live", new() { Timeout = 10_000 });
        await page.ClickAsync("#btn-start-lot");
        var form = page.Locator("#form-start-lot");
        await form.Locator("[name=lotId]").FillAsync("LOT-BAD");
        await form.Locator("[name=declarationNumber]").FillAsync("DEC-1");
        await form.Locator("[name=vessel]").FillAsync("MV Test");
        await form.Locator("[name=declaredBrand]").FillAsync("Pilbara Blend fines");
        await form.Locator("[name=declaredMassTonnes]").FillAsync("1000");
        await form.Locator("[name=hsCode]").FillAsync("12");
        await form.Locator("button[type=submit]").ClickAsync();
        await Expect(form.Locator(".message")).ToContainTextAsync("hs", new() { IgnoreCase = true, Timeout = 10_000 });
        await Screenshots.SaveAsync(page, "start-lot-refused");
        Assert.Null(gateway.Core.GetSnapshot().Lot);
    }

    [Fact]
    public async Task Technician_may_not_start_a_lot_and_anonymous_actions_are_refused()
    {
        await using var gateway = await TestGateway.StartAsync();
        var page = await SignedInPageAsync(gateway, "tech1", TestGateway.TechnicianPin);
        await Expect(page.Locator("#btn-start-lot")).ToHaveAttributeAsync("aria-disabled", "true", new() { Timeout = 10_000 });
        // aria-disabled, not disabled: a tap must still explain why (Force: Playwright treats aria-disabled as not clickable).
        await page.ClickAsync("#btn-start-lot", new() { Force = true });
        await Expect(page.Locator("#toast")).ToContainTextAsync("Not allowed");
        await Expect(page.Locator("#dlg-start-lot")).Not.ToBeVisibleAsync();

        // The server refuses too, whatever the page shows.
        var body = new Dictionary<string, object> { ["lotId"] = "LOT-X", ["declarationNumber"] = "D", ["vessel"] = "V", ["declaredBrand"] = "B", ["declaredMassTonnes"] = 10, ["hsCode"] = "260111" };
        var response = await page.Context.APIRequest.PostAsync(gateway.Url + "/ui/commands/start-lot", new() { DataObject = body });
        Assert.Equal(403, response.Status);
        var answer = JsonDocument.Parse(await response.TextAsync()).RootElement;
        Assert.False(answer.GetProperty("ok").GetBoolean());
        Assert.Contains("start-lot needs operator or supervisor", answer.GetProperty("error").GetString(), StringComparison.Ordinal);

        await using var anonymous = await browser.Browser.NewContextAsync();
        var refused = await anonymous.APIRequest.PostAsync(gateway.Url + "/ui/commands/start-lot", new() { DataObject = body });
        Assert.Equal(401, refused.Status);

        Assert.Null(gateway.Core.GetSnapshot().Lot);
        Assert.DoesNotContain(gateway.Commands.Received, c => c.Name == "start-lot");
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting for: " + what);
            await Task.Delay(50);
        }
    }

    private async Task<IPage> NewPageAsync()
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = Screenshots.PanelSize, HasTouch = true });
        return await context.NewPageAsync();
    }

    private async Task<IPage> SignedInPageAsync(TestGateway gateway, string user, string pin)
    {
        var page = await NewPageAsync();
        await page.GotoAsync(gateway.Url + "/ui/sign-in");
        await page.ClickAsync($".user-tile[data-user='{user}']");
        await TypePinAsync(page, pin);
        await page.ClickAsync("#signin-button");
        await page.WaitForURLAsync(gateway.Url + "/");
        return page;
    }

    private static async Task TypePinAsync(IPage page, string pin)
    {
        foreach (var digit in pin)
        {
            await page.ClickAsync($".key[data-key='{digit}']");
        }
    }
}
