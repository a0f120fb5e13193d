using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using SmartCustoms.Drivers.Abstractions.Health;
using SmartCustoms.Drivers.Abstractions.LaneIo;
using SmartCustoms.Drivers.LaneIo.Simulation;
using SmartCustoms.Edge.Core;

namespace SmartCustoms.Edge.IntegrationTests.Gateway;

/// <summary>The camera and the lane I/O as parts of the running gateway (--simulate, real sockets, real mosquitto).</summary>
public sealed class CameraInGatewayTests(SimulatedGatewayFixture gateway) : IClassFixture<SimulatedGatewayFixture>
{
    [Fact]
    public async Task Snapshot_endpoint_serves_the_latest_camera_frame_as_jpeg()
    {
        using var http = new HttpClient { BaseAddress = BaseAddress(), Timeout = TimeSpan.FromSeconds(30) };
        var deadline = Stopwatch.StartNew();
        HttpResponseMessage response;
        while ((response = await http.GetAsync(new Uri("/api/camera/camera/snapshot.jpg", UriKind.Relative))).StatusCode == HttpStatusCode.NotFound)
        {
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(30), "no camera frame within 30 s: " + await response.Content.ReadAsStringAsync());
            response.Dispose();
            await Task.Delay(100);
        }

        using (response)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("image/jpeg", response.Content.Headers.ContentType?.MediaType);
            var jpeg = await response.Content.ReadAsByteArrayAsync();
            Assert.True(jpeg.Length > 1000);
            Assert.Equal((byte)0xFF, jpeg[0]);
            Assert.Equal((byte)0xD8, jpeg[1]);
            Assert.Equal((byte)0xFF, jpeg[^2]);
            Assert.Equal((byte)0xD9, jpeg[^1]);
            Assert.True(ulong.TryParse(response.Headers.GetValues("X-Frame-Sequence").Single(), out var sequence) && sequence > 0);
        }

        using var other = await http.GetAsync(new Uri("/api/camera/no-such-camera/snapshot.jpg", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
    }

    [Fact]
    public async Task Camera_status_reports_health_frame_rate_and_the_latest_frame()
    {
        using var http = new HttpClient { BaseAddress = BaseAddress(), Timeout = TimeSpan.FromSeconds(30) };
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            using var status = JsonDocument.Parse(await http.GetStringAsync(new Uri("/api/camera/camera", UriKind.Relative)));
            var root = status.RootElement;
            // The rate needs one full window of frames after the first one.
            if (root.GetProperty("state").GetString() == "up" && root.GetProperty("framesPerSecond").GetDouble() > 0)
            {
                Assert.Equal("camera", root.GetProperty("camera").GetString());
                Assert.True(root.GetProperty("framesSeen").GetInt64() > 0);
                Assert.True(root.GetProperty("latest").GetProperty("sequence").GetUInt64() > 0);
                Assert.Equal(1280, root.GetProperty("latest").GetProperty("width").GetInt32());
                Assert.True(root.GetProperty("counters").GetProperty("received").GetInt64() > 0);
                // The shipped visual model is on by default: frames are inspected, not only shown.
                Assert.True(root.GetProperty("visual").GetProperty("enabled").GetBoolean());
                break;
            }

            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(30), "camera not up with a frame rate within 30 s: " + root);
            await Task.Delay(100);
        }

        using var other = await http.GetAsync(new Uri("/api/camera/no-such-camera", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
    }

    [Fact]
    public async Task Stack_light_outputs_follow_the_lane_core()
    {
        var laneIo = gateway.Services.GetRequiredService<ILaneIo>();
        var core = gateway.Services.GetRequiredService<LaneCore>();
        await WaitForAsync(() => gateway.HealthOf("laneio").State == DeviceHealthState.Up, "lane I/O up");
        await WaitForAsync(() => !laneIo.Inputs.EStopActive, "e-stop released on the simulated board");

        // Whatever the core shows (green when all is clear, amber/red with alarms), the lamps show the same.
        await WaitForAsync(() => laneIo.StackLight == Lane.StackLightMapping.ToOutputs(core.StackLight), "stack light outputs = core state");
        var outputs = laneIo.StackLight;
        Assert.Equal(1, new[] { outputs.Green, outputs.Amber, outputs.Red }.Count(lit => lit));
    }

    [Fact]
    public async Task E_stop_input_reaches_the_lane_core_and_its_release_too()
    {
        var signals = gateway.Services.GetRequiredService<SimulatedLaneSignals>();
        var core = gateway.Services.GetRequiredService<LaneCore>();
        await WaitForAsync(() => gateway.HealthOf("laneio").State == DeviceHealthState.Up && !core.GetSnapshot().EmergencyStop, "lane I/O up, e-stop released");

        signals.SetEStop(true);
        try
        {
            await WaitForAsync(() => core.GetSnapshot().EmergencyStop, "e-stop active in the lane core");
        }
        finally
        {
            signals.SetEStop(false);
        }

        await WaitForAsync(() => !core.GetSnapshot().EmergencyStop, "e-stop released in the lane core");
    }

    private Uri BaseAddress()
    {
        var addresses = gateway.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        return new Uri(addresses.First());
    }

    private static async Task WaitForAsync(Func<bool> condition, string what)
    {
        var deadline = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(30), "not reached within 30 s: " + what);
            await Task.Delay(25);
        }
    }
}
