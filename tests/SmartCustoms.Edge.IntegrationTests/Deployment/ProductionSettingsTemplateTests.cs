using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SmartCustoms.Drivers.Camera;
using SmartCustoms.Drivers.LaneIo.Options;
using SmartCustoms.Drivers.Modbus.BeltScale;
using SmartCustoms.Drivers.Modbus.Radiation;
using SmartCustoms.Drivers.Modbus.Sampler;
using SmartCustoms.Drivers.Spectrometer;
using SmartCustoms.Edge.Commands;
using SmartCustoms.Edge.Core.Options;
using SmartCustoms.Edge.Hosting;
using SmartCustoms.Edge.Messaging;
using SmartCustoms.Edge.Storage;

namespace SmartCustoms.Edge.IntegrationTests.Deployment;

/// <summary>
/// The production settings template goes through the gateway's real composition root and start-up validation,
/// so a template that drifts from the options classes fails here rather than on a lane PC.
/// </summary>
public sealed class ProductionSettingsTemplateTests : IDisposable
{
    // Section of the template → the options class that binds it. Every top-level key of the template must be
    // covered, so a typo ("Strorage") cannot hide as an ignored section.
    private static readonly (string Section, Type Options)[] Sections =
    [
        (MqttOptions.SectionName, typeof(MqttOptions)),
        (CommandOptions.SectionName, typeof(CommandOptions)),
        (StorageOptions.SectionName, typeof(StorageOptions)),
        (SpectrometerOptions.SectionName, typeof(SpectrometerOptions)),
        (CameraOptions.SectionName, typeof(CameraOptions)),
        (ModbusSamplerOptions.SectionName, typeof(ModbusSamplerOptions)),
        (ModbusBeltScaleOptions.SectionName, typeof(ModbusBeltScaleOptions)),
        (ModbusRadiationMonitorOptions.SectionName, typeof(ModbusRadiationMonitorOptions)),
        (LaneIoOptions.SectionName, typeof(LaneIoOptions)),
        (LaneGeometryOptions.SectionName, typeof(LaneGeometryOptions)),
    ];

    private readonly ProductionSettingsTemplate _template = new();

    [Fact]
    public void Template_passes_the_gateways_start_up_validation()
    {
        using var app = Build(_template.Write());

        var error = Record.Exception(() => app.Services.GetRequiredService<IStartupValidator>().Validate());

        Assert.True(error is null, "template rejected: " + (error is null ? "" : StartupError.Describe(error)));
        // The values really came from the template, not from the defaults.
        Assert.Equal("/var/lib/smartcustoms-edge", app.Services.GetRequiredService<IOptions<StorageOptions>>().Value.Path);
        Assert.Equal(27, app.Services.GetRequiredService<IOptions<LaneIoOptions>>().Value.Pins.EStop);
        Assert.Equal(0x44, app.Services.GetRequiredService<IOptions<LaneIoOptions>>().Value.Climate.Address);
        Assert.True(app.Services.GetRequiredService<IOptions<MqttOptions>>().Value.UseTls);
    }

    [Fact]
    public void Every_key_of_the_template_exists_in_an_options_class()
    {
        var configuration = new ConfigurationBuilder().AddJsonFile(_template.Write()).Build();
        var problems = new List<string>();

        foreach (var (section, type) in Sections)
        {
            Assert.True(configuration.GetSection(section).Exists(), $"template lacks section {section}");
            try
            {
                configuration.GetSection(section).Get(type, o => o.ErrorOnUnknownConfiguration = true);
            }
            catch (InvalidOperationException ex)
            {
                problems.Add($"{section}: {ex.Message}");
            }
        }

        var covered = Sections.Select(s => s.Section.Split(':')[0]).Append("Urls").ToHashSet(StringComparer.OrdinalIgnoreCase);
        var coveredSections = Sections.Select(s => s.Section).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var top in configuration.GetChildren())
        {
            if (!covered.Contains(top.Key))
            {
                problems.Add($"{top.Key}: no options class binds this section");
            }
            else if (top.Key is "Devices" or "Lane")
            {
                problems.AddRange(top.GetChildren().Where(c => !coveredSections.Contains(c.Path)).Select(c => $"{c.Path}: no options class binds this section"));
            }
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Theory]
    [InlineData("Mqtt", "Port", "0", "Mqtt:Port")]
    [InlineData("Storage", "RetentionDays", "-1", "Storage:RetentionDays")]
    [InlineData("Devices:LaneIo:Pins", "StackRed", "27", "Devices:LaneIo")]
    [InlineData("Lane:Geometry", "CutterMetres", "10", "Lane:Geometry:CutterMetres")]
    public void A_broken_copy_is_rejected_with_the_key_named(string section, string key, string value, string namedKey)
    {
        var node = section.Split(':').Aggregate((JsonNode)_template.Json, (n, part) => n[part]!);
        node[key] = JsonValue.Create(double.Parse(value, System.Globalization.CultureInfo.InvariantCulture));
        using var app = Build(_template.Write());

        var error = Assert.ThrowsAny<Exception>(() => app.Services.GetRequiredService<IStartupValidator>().Validate());

        Assert.True(StartupError.IsConfigurationError(error), error.ToString());
        Assert.Contains(namedKey, StartupError.Describe(error), StringComparison.Ordinal);
    }

    [Fact]
    public void A_certificate_path_that_does_not_exist_is_rejected()
    {
        _template.Json["Mqtt"]!["ClientKeyPath"] = "/etc/smartcustoms-edge/tls/missing.key";
        using var app = Build(_template.Write());

        var error = Assert.ThrowsAny<Exception>(() => app.Services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("Mqtt:ClientKeyPath", StartupError.Describe(error), StringComparison.Ordinal);
    }

    public void Dispose() => _template.Dispose();

    // The installed service reads the template as appsettings.Production.json next to the binary; here it is
    // added as one more JSON file after the gateway's own sources, which has the same effect on the values.
    private static WebApplication Build(string settingsFile) =>
        GatewayApplication.Build([], builder => builder.Configuration.AddJsonFile(settingsFile, optional: false, reloadOnChange: false));
}
