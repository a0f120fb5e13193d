using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace SmartCustoms.Edge.EndToEndTests;

/// <summary>
/// A technician's maintenance round at the panel on the same contaminated gateway: switch the lane to
/// maintenance (banner for everyone, no lot can start), take a test cut of the sampler (acknowledged by the
/// simulated sampler over Modbus, recorded without a lot), switch back to run; in run mode the technician's
/// increment is refused by the page and by the server, because it would sample a lot.
/// </summary>
public sealed partial class OperatorPanelTests
{
    [Fact]
    public async Task Technician_switches_to_maintenance_takes_a_test_cut_and_switches_back()
    {
        var supervisor = await PanelPages.SignedInAsync(browser.Browser, Gateway, "supervisor", SimulatedGateway.SupervisorPin);
        await EndOpenLotAsync(supervisor);
        var tech = await PanelPages.SignedInAsync(browser.Browser, Gateway, "technician", SimulatedGateway.TechnicianPin);
        try
        {
            // Run mode: the technician's increment button is greyed with the reason; the server refuses it too.
            await tech.ClickAsync("#tab-samples");
            await Expect(tech.Locator("#btn-increment")).ToBeDisabledAsync(new() { Timeout = 15_000 });
            await Expect(tech.Locator("#btn-increment")).ToHaveAttributeAsync("title", "Technicians test the sampler in maintenance only");
            var refused = await tech.Context.APIRequest.PostAsync(Gateway.Url + "/ui/commands/request-increment", new() { DataObject = new Dictionary<string, object> { ["reason"] = "test" } });
            Assert.Equal(403, refused.Status);
            Assert.Contains("only while the lane is in maintenance", JsonDocument.Parse(await refused.TextAsync()).RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);

            // To maintenance, with a note: the banner names who and why.
            await tech.ClickAsync("#btn-mode");
            await tech.Locator("#form-mode [name=note]").FillAsync("sampler cutter check");
            await tech.Locator("#form-mode button[type=submit]").ClickAsync();
            await Expect(tech.Locator("#toast")).ToContainTextAsync("The lane is in maintenance", new() { Timeout = 10_000 });
            await Expect(tech.Locator("#banners")).ToContainTextAsync("MAINTENANCE — set by technician", Live);
            await Expect(tech.Locator("#banners")).ToContainTextAsync("sampler cutter check", Live);
            Assert.Equal("maintenance", (await Gateway.LaneAsync()).GetProperty("mode").GetString());

            // No lot can start meanwhile (the supervisor's page greys the button; the core refuses it).
            await supervisor.ReloadAsync();
            await Expect(supervisor.Locator("#btn-start-lot")).ToBeDisabledAsync(new() { Timeout = 15_000 });
            var start = await supervisor.Context.APIRequest.PostAsync(Gateway.Url + "/ui/commands/start-lot", new()
            {
                DataObject = new Dictionary<string, object> { ["lotId"] = "LOT-MAINT", ["declarationNumber"] = "D", ["vessel"] = "V", ["declaredBrand"] = "Pilbara Blend fines", ["declaredMassTonnes"] = 100, ["hsCode"] = "2601110000" },
            });
            Assert.Equal(422, start.Status);

            // The test cut: the simulated sampler acknowledges it; it belongs to no lot.
            var before = (await LatestManualIncrementAsync()).Id;
            await Expect(tech.Locator("#btn-increment")).ToBeEnabledAsync(new() { Timeout = 15_000 });
            await tech.ClickAsync("#btn-increment");
            await tech.Locator("#form-increment [name=reason]").FillAsync("cutter test after repair");
            await tech.Locator("#form-increment button[type=submit]").ClickAsync();
            await Expect(tech.Locator("#toast")).ToContainTextAsync("Increment requested.", new() { Timeout = 10_000 });
            JsonElement cut = default;
            await Gateway.WaitUntilAsync(async () =>
            {
                var newest = (await Gateway.LaneAsync()).GetProperty("recentIncrements").EnumerateArray()
                    .Where(i => i.GetProperty("reason").GetString() == "manual" && i.GetProperty("id").GetUInt32() > before)
                    .OrderByDescending(i => i.GetProperty("id").GetUInt32()).FirstOrDefault();
                cut = newest.ValueKind == JsonValueKind.Object ? newest.Clone() : default;
                return cut.ValueKind == JsonValueKind.Object && cut.GetProperty("state").GetString() is "acknowledged" or "taken" or "refused" or "missed";
            }, "the test cut decided", TimeSpan.FromSeconds(30));
            Assert.True(cut.GetProperty("state").GetString() is "acknowledged" or "taken", "test cut " + cut);
            Assert.Equal(JsonValueKind.Null, cut.GetProperty("lotId").ValueKind);
            var row = tech.Locator("#increment-table tr", new() { HasText = "cutter test after repair" });
            await Expect(row).ToContainTextAsync("no lot (test cut)", Live);
            await Expect(row).ToContainTextAsync(new System.Text.RegularExpressions.Regex("acknowledged|taken"), Live);
            await Screenshots.SaveAsync(tech, "samples-maintenance");

            // Back to run: the banner goes, the technician's increment is greyed again.
            await tech.ClickAsync("#btn-mode");
            await tech.Locator("#form-mode button[type=submit]").ClickAsync();
            await Expect(tech.Locator("#toast")).ToContainTextAsync("The lane runs again", new() { Timeout = 10_000 });
            await Expect(tech.Locator("#banners")).Not.ToContainTextAsync("MAINTENANCE", new() { Timeout = 15_000 });
            await Expect(tech.Locator("#btn-increment")).ToBeDisabledAsync(new() { Timeout = 15_000 });

            // Audited: both switches by the technician and the refusal in run mode with its reason.
            static bool TechnicianSwitch(string line) =>
                line.Contains("\"set-mode\"", StringComparison.Ordinal) && line.Contains("\"technician\"", StringComparison.Ordinal) && line.Contains("\"ok\"", StringComparison.Ordinal);
            await Gateway.WaitUntilAsync(() => Task.FromResult(Gateway.AuditLines().Count(TechnicianSwitch) >= 2), "both mode switches in the audit chain", TimeSpan.FromSeconds(10));
            var audit = Gateway.AuditLines();
            Assert.Equal(2, audit.Count(TechnicianSwitch));
            Assert.Contains(audit, l => l.Contains("refused: a technician requests an increment only while the lane is in maintenance", StringComparison.Ordinal));
        }
        finally
        {
            // Leave the shared gateway in run mode whatever failed above.
            if ((await Gateway.LaneAsync()).GetProperty("mode").GetString() != "run")
            {
                await supervisor.Context.APIRequest.PostAsync(Gateway.Url + "/ui/commands/set-mode", new() { DataObject = new Dictionary<string, object> { ["mode"] = "run" } });
            }
        }
    }
}
