using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace SmartCustoms.Edge.EndToEndTests;

/// <summary>Browser helpers shared by the panel tests: a touch-enabled 1280×800 page and PIN sign-in by tapping the keypad.</summary>
internal static class PanelPages
{
    public static async Task<IPage> NewPageAsync(IBrowser browser)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = Screenshots.PanelSize, HasTouch = true });
        return await context.NewPageAsync();
    }

    public static async Task<IPage> SignedInAsync(IBrowser browser, SimulatedGateway gateway, string user, string pin)
    {
        var page = await NewPageAsync(browser);
        await page.GotoAsync(gateway.Url + "/ui/sign-in");
        await page.ClickAsync($".user-tile[data-user='{user}']");
        await TypePinAsync(page, pin);
        await page.ClickAsync("#signin-button");
        await page.WaitForURLAsync(gateway.Url + "/");
        await Expect(page.Locator("#conn")).ToContainTextAsync("live", new() { Timeout = 15_000 });
        return page;
    }

    public static async Task TypePinAsync(IPage page, string pin)
    {
        foreach (var digit in pin)
        {
            await page.ClickAsync($".key[data-key='{digit}']");
        }
    }
}
