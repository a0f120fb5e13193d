using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SmartCustoms.Drivers.Abstractions.Camera;
using SmartCustoms.Drivers.Abstractions.Health;
using SmartCustoms.Drivers.Camera.Capture;
using SmartCustoms.Drivers.Camera.Mjpeg;

namespace SmartCustoms.Drivers.Camera.Tests;

public sealed class CameraOptionsValidatorTests
{
    private static ValidateOptionsResult Validate(CameraOptions options) => new CameraOptionsValidator().Validate(null, options);

    [Fact]
    public void The_defaults_are_valid() => Assert.True(Validate(new CameraOptions()).Succeeded);

    [Theory]
    [InlineData("Url", "ftp://camera/stream", "Devices:Camera:Url must be an absolute http:// or https:// URL, got 'ftp://camera/stream'")]
    [InlineData("Url", "", "Devices:Camera:Url must be set when Devices:Camera:Source is mjpeg")]
    [InlineData("FrozenFrameCount", "1", "Devices:Camera:FrozenFrameCount must be between 2 and 100000, got 1")]
    [InlineData("FailuresBeforeDown", "0", "Devices:Camera:FailuresBeforeDown must be between 1 and 1000, got 0")]
    [InlineData("MaxPartBytes", "100", "Devices:Camera:MaxPartBytes must be between 65536 and 268435456, got 100")]
    [InlineData("StallTimeout", "00:00:00", "Devices:Camera:StallTimeout must be a positive duration")]
    [InlineData("JpegQuality", "101", "Devices:Camera:JpegQuality must be between 1 and 100, got 101")]
    [InlineData("Fps", "-1", "Devices:Camera:Fps must be between 0 and 1000")]
    [InlineData("SlowFrameInterval", "00:00:02", "Devices:Camera:SlowFrameInterval must be 0 (off) or shorter than Devices:Camera:StallTimeout (00:00:01.5000000), got 00:00:02")]
    [InlineData("SlowFrameInterval", "-00:00:01", "Devices:Camera:SlowFrameInterval must be 0 (off) or shorter than Devices:Camera:StallTimeout")]
    public void Bad_values_are_rejected_with_the_key_named(string key, string value, string expected)
    {
        var options = Bind(new Dictionary<string, string?> { [$"Devices:Camera:{key}"] = value });

        var result = Validate(options);

        Assert.True(result.Failed);
        Assert.Contains(result.Failures, f => f.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Each_source_demands_its_own_keys()
    {
        Assert.Contains("Devices:Camera:FilePath must be set when Devices:Camera:Source is file",
            Validate(new CameraOptions { Source = CameraSourceKind.File }).Failures!);
        Assert.Contains("Devices:Camera:FilePath '/nonexistent.avi' does not exist",
            Validate(new CameraOptions { Source = CameraSourceKind.File, FilePath = "/nonexistent.avi" }).Failures!);
        Assert.Contains(Validate(new CameraOptions { Source = CameraSourceKind.Rtsp, Url = "rtsp://x/y" }).Failures!,
            f => f.StartsWith("Devices:Camera:Width and Devices:Camera:Height must be set", StringComparison.Ordinal));
        Assert.True(Validate(new CameraOptions { Source = CameraSourceKind.Rtsp, Url = "rtsp://x/y", Width = 640, Height = 360 }).Succeeded);
        Assert.True(Validate(new CameraOptions { Source = CameraSourceKind.V4l2, DevicePath = "/dev/video0" }).Succeeded);
    }

    [Fact]
    public void AddCamera_registers_the_configured_source_once_as_frame_source_and_health_source()
    {
        using var host = Host(new Dictionary<string, string?> { ["Devices:Camera:Source"] = "mjpeg", ["Devices:Camera:Url"] = "http://127.0.0.1:1/stream.mjpg" });

        var source = host.Services.GetRequiredService<IFrameSource>();
        Assert.IsType<MjpegFrameSource>(source);
        Assert.Same(source, Assert.Single(host.Services.GetServices<IDeviceHealthSource>()));
    }

    [Fact]
    public void The_source_name_in_configuration_picks_the_implementation()
    {
        var file = Path.GetTempFileName();
        try
        {
            using var host = Host(new Dictionary<string, string?> { ["Devices:Camera:Source"] = "file", ["Devices:Camera:FilePath"] = file });

            Assert.IsType<VideoCaptureFrameSource>(host.Services.GetRequiredService<IFrameSource>());
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task A_bad_setting_stops_the_host_at_start_naming_the_key()
    {
        using var host = Host(new Dictionary<string, string?> { ["Devices:Camera:Source"] = "rtsp", ["Devices:Camera:Url"] = "rtsp://x/y" });

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("Devices:Camera:Width", ex.Message, StringComparison.Ordinal);
    }

    private static CameraOptions Bind(Dictionary<string, string?> values)
    {
        var options = new CameraOptions();
        new ConfigurationBuilder().AddInMemoryCollection(values).Build().GetSection(CameraOptions.SectionName).Bind(options);
        return options;
    }

    private static IHost Host(Dictionary<string, string?> values)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(values);
        builder.Services.AddLogging();
        builder.Services.AddCamera();
        return builder.Build();
    }
}
