using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SmartCustoms.Edge.Ui.Auth;
using SmartCustoms.Edge.Ui.Options;

namespace SmartCustoms.Edge.EndToEndTests;

/// <summary>Sign-in rules without a browser: inactivity sign-out, lockout, PIN hashes and settings validation.</summary>
public sealed class UiSignInRulesTests
{
    [Fact]
    public void Session_ends_after_SignOutAfter_without_activity_and_lives_on_while_touched()
    {
        var time = new FakeTimeProvider();
        var options = Options(new UiOptions { SignOutAfter = TimeSpan.FromMinutes(10) });
        var sessions = new UiSessions(options, time);
        var session = sessions.Start(new UiUser("op1", UiRole.Operator, PinHasher.FromClear("1234")), new DefaultHttpContext().Response);
        var http = WithCookie(session.Id);

        time.Advance(TimeSpan.FromMinutes(9));
        Assert.NotNull(sessions.Find(http, touch: true));   // a touch at 9 min
        time.Advance(TimeSpan.FromMinutes(9));
        Assert.NotNull(sessions.Find(http, touch: false));  // 9 min after the touch: still in
        time.Advance(TimeSpan.FromMinutes(2));
        Assert.Null(sessions.Find(http, touch: true));      // 11 min idle: signed out
        Assert.Null(sessions.Find(WithCookie("forged"), touch: true));
    }

    [Fact]
    public void Wrong_pins_lock_the_user_for_LockoutFor()
    {
        var time = new FakeTimeProvider();
        var ui = new UiOptions { MaxPinAttempts = 3, LockoutFor = TimeSpan.FromMinutes(1) };
        ui.Users.Add(new UiUserOptions { Name = "op1", Pin = "1234", Role = "operator" });
        var users = new UiUserDirectory(Options(ui), time);

        Assert.Equal("Wrong PIN for op1. 2 attempts left.", users.SignIn("op1", "0000").Error);
        Assert.Equal("Wrong PIN for op1. 1 attempt left.", users.SignIn("op1", "0000").Error);
        Assert.Equal("Wrong PIN. op1 is locked for 60 s.", users.SignIn("op1", "0000").Error);
        Assert.StartsWith("Too many wrong PINs for op1", users.SignIn("op1", "1234").Error, StringComparison.Ordinal);
        time.Advance(TimeSpan.FromSeconds(61));
        Assert.Equal("op1", users.SignIn("OP1", "1234").User?.Name);
        Assert.Null(users.SignIn("nobody", "1234").User);
    }

    [Fact]
    public void Pin_hash_from_settings_verifies_only_its_pin()
    {
        var text = PinHasher.Hash("8642", iterations: 10_000);
        Assert.True(PinHasher.TryParse(text, out var hash, out _));
        Assert.True(PinHasher.Verify("8642", hash));
        Assert.False(PinHasher.Verify("8643", hash));
        Assert.False(PinHasher.TryParse("sha1:1:abc:def", out _, out var error));
        Assert.Contains("pbkdf2-sha256", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_settings_are_refused_with_the_key_named()
    {
        var ui = new UiOptions { SignOutAfter = TimeSpan.FromSeconds(5) };
        ui.Users.Add(new UiUserOptions { Name = "op1", Pin = "12", Role = "operator" });
        ui.Users.Add(new UiUserOptions { Name = "OP1", Pin = "1234", Role = "boss" });
        var result = new UiOptionsValidator().Validate(null, ui);
        Assert.True(result.Failed);
        var failures = result.Failures!.ToList();
        Assert.Contains(failures, f => f.StartsWith("Ui:SignOutAfter must be", StringComparison.Ordinal));
        Assert.Contains("Ui:Users:0:Pin must be 4-8 digits (or set Ui:Users:0:PinHash)", failures);
        Assert.Contains("Ui:Users:1:Name 'OP1' is used twice", failures);
        Assert.Contains("Ui:Users:1:Role must be one of operator, supervisor, technician, remote-officer, got 'boss'", failures);
    }

    [Fact]
    public async Task Gateway_does_not_start_with_a_bad_Ui_setting()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => SimulatedGateway.StartAsync("clean",
            "--Ui:Users:0:Name=boss", "--Ui:Users:0:Pin=1234", "--Ui:Users:0:Role=admin"));
        Assert.Contains("exited with code 2", error.Message, StringComparison.Ordinal);
        Assert.Contains("Ui:Users:0:Role must be one of operator, supervisor, technician, remote-officer, got 'admin'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false, false, 0)]   // production: nobody, the panel is read-only
    [InlineData(true, false, 4)]    // --simulate: one demo user per role
    [InlineData(true, true, 1)]     // --simulate with configured users: only those
    public void Demo_users_exist_only_with_the_simulator_and_no_configured_users(bool simulate, bool configured, int expected)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Simulator:Enabled"] = simulate ? "true" : "false",
        }).Build();
        var ui = new UiOptions();
        if (configured)
        {
            ui.Users.Add(new UiUserOptions { Name = "op1", Pin = "9876", Role = "operator" });
        }

        var demo = new SimulatorPanelUsers(configuration);
        demo.PostConfigure(null, ui);
        Assert.Equal(expected, ui.Users.Count);
        Assert.Equal(simulate && !configured, demo.Added);
        Assert.True(new UiOptionsValidator().Validate(null, ui).Succeeded);
        if (expected == 4)
        {
            Assert.Equal(["operator", "supervisor", "technician", "remote-officer"], ui.Users.Select(u => u.Role));
        }
    }

    private static IOptions<UiOptions> Options(UiOptions value) => Microsoft.Extensions.Options.Options.Create(value);

    private static DefaultHttpContext WithCookie(string id)
    {
        var http = new DefaultHttpContext();
        http.Request.Headers.Cookie = $"{UiSessions.CookieName}={id}";
        return http;
    }
}
