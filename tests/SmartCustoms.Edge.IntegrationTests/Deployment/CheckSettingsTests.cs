using System.Diagnostics;
using System.Text.Json.Nodes;
using SmartCustoms.Edge.Hosting;
using SmartCustoms.Edge.IntegrationTests.Infrastructure;

namespace SmartCustoms.Edge.IntegrationTests.Deployment;

/// <summary>
/// <c>SmartCustoms.Edge check-settings --file PATH</c>: the production template passes, a broken copy is rejected
/// with each bad key and the reason, and nothing of the lane starts.
/// </summary>
public sealed class CheckSettingsTests : IDisposable
{
    private readonly ProductionSettingsTemplate _template = new();

    [Fact]
    public void The_production_template_passes()
    {
        var file = _template.Write();

        var (exitCode, output) = Run("--file", file);

        Assert.True(exitCode == 0, output);
        Assert.Equal("OK: " + file, output.Trim());
    }

    [Fact]
    public void A_broken_file_is_rejected_with_each_bad_key_and_the_reason()
    {
        // Two independent sections broken at once: both are reported, not only the first.
        _template.Json["Mqtt"]!["Port"] = 0;
        _template.Json["Lane"]!["Geometry"]!["CutterMetres"] = 10;

        var (exitCode, output) = Run("--file", _template.Write());

        Assert.True(exitCode == GatewayProgram.ConfigurationErrorExitCode, output);
        Assert.Contains(" bad settings", output, StringComparison.Ordinal);
        Assert.Contains("Mqtt:Port must be 1-65535, got 0", output, StringComparison.Ordinal);
        Assert.Contains("Lane:Geometry:CutterMetres", output, StringComparison.Ordinal);
        Assert.DoesNotContain("OK:", output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_misspelt_key_or_section_is_reported_instead_of_leaving_the_default_in_force()
    {
        _template.Json["Devices"]!["Nir"]!["Hots"] = "10.0.0.5";
        _template.Json["Strorage"] = new JsonObject { ["Path"] = "/var/lib/x" };
        _template.Json["Lane"]!["Geometry"]!["Cutter"] = 25;
        _template.Json["Mqtt"]!["Port"] = new JsonObject { ["Value"] = 8883 };

        var (exitCode, output) = Run("--file", _template.Write());

        Assert.True(exitCode == GatewayProgram.ConfigurationErrorExitCode, output);
        Assert.Contains("4 bad settings", output, StringComparison.Ordinal);
        Assert.Contains("Devices:Nir:Hots: unknown setting, Devices:Nir has ", output, StringComparison.Ordinal);
        Assert.Contains("Host, ", output, StringComparison.Ordinal);
        Assert.Contains("Strorage: unknown setting, nothing reads it (known here: ", output, StringComparison.Ordinal);
        Assert.Contains("Lane:Geometry:Cutter: unknown setting", output, StringComparison.Ordinal);
        Assert.Contains("Mqtt:Port: is a single value", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_key_of_the_shipped_settings_is_known()
    {
        var (exitCode, output) = Run("--file", Path.Combine(AppContext.BaseDirectory, "appsettings.json"));

        Assert.True(exitCode == 0, output);
    }

    [Fact]
    public void A_value_of_the_wrong_type_names_the_key()
    {
        _template.Json["Storage"]!["RetentionDays"] = "thirty";

        var (exitCode, output) = Run("--file", _template.Write());

        Assert.Equal(GatewayProgram.ConfigurationErrorExitCode, exitCode);
        Assert.Contains("'thirty' at 'Storage:RetentionDays'", output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_that_is_not_json_is_rejected_with_the_line()
    {
        var file = _template.Write();
        File.WriteAllText(file, "{\n  \"Mqtt\": {\n    \"Port\": 8883,,\n  }\n}\n");

        var (exitCode, output) = Run("--file", file);

        Assert.Equal(GatewayProgram.ConfigurationErrorExitCode, exitCode);
        Assert.Contains("not valid JSON at line 3", output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_or_argument_is_an_error()
    {
        Assert.Equal(GatewayProgram.ConfigurationErrorExitCode, Run("--file", "/nonexistent/appsettings.json").ExitCode);
        Assert.Contains("--file PATH is required", Run().Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_gateway_binary_has_the_verb_and_exits_2_on_a_bad_file()
    {
        _template.Json["Devices"]!["Nir"]!["Port"] = 70000;
        var file = _template.Write();
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { RepositoryPaths.GatewayDll, "check-settings", "--file", file })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(deadline.Token);

        var output = await stdout + await stderr;
        Assert.True(process.ExitCode == GatewayProgram.ConfigurationErrorExitCode, output);
        Assert.Contains("Devices:Nir:Port", output, StringComparison.Ordinal);
    }

    public void Dispose() => _template.Dispose();

    private static (int ExitCode, string Output) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = CheckSettingsVerb.Run(args, output, error);
        return (exitCode, output.ToString() + error);
    }
}
