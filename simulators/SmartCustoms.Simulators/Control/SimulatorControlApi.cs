using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using SmartCustoms.Simulators.Faults;
using SmartCustoms.Simulators.Hosting;
using SmartCustoms.Simulators.World;

namespace SmartCustoms.Simulators.Control;

/// <summary>
/// The simulator's control and ground-truth API (CONTRACT.md): <c>GET /truth[?aheadS=N]</c>,
/// <c>POST /faults</c>, <c>DELETE /faults</c> (end injected faults), <c>POST /scenario</c>,
/// <c>GET /status</c>. Bad requests get 400 with <c>{"ok":false,"error":"…"}</c> naming the problem.
/// The gateway never calls it; tests and technicians do. Thread-safe.
/// </summary>
public sealed class SimulatorControlApi
{
    private static readonly string[] Devices = ["nir", "camera", "sampler", "scale", "radiation", "cabinet", "laneio"];
    private static readonly string[] Endpoints = ["GET /truth[?aheadS=N]", "GET /status", "GET|POST|DELETE /faults", "POST /scenario"];
    private readonly SimulatedLane _lane;

    public SimulatorControlApi(SimulatedLane lane)
    {
        ArgumentNullException.ThrowIfNull(lane);
        _lane = lane;
    }

    public async Task HandleAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        string path = context.Request.Path.Value ?? "/";
        string method = context.Request.Method;
        try
        {
            switch (path)
            {
                case "/truth" when HttpMethods.IsGet(method):
                    await TruthAsync(context);
                    break;
                case "/status" when HttpMethods.IsGet(method):
                    await WriteAsync(context, 200, _lane.Status());
                    break;
                case "/faults" when HttpMethods.IsPost(method):
                    await FaultAsync(context);
                    break;
                case "/faults" when HttpMethods.IsDelete(method):
                    foreach (string d in _lane.FaultableDevices)
                    {
                        _lane.Faults(d).Clear();
                    }

                    await WriteAsync(context, 200, new { ok = true, cleared = _lane.FaultableDevices });
                    break;
                case "/faults" when HttpMethods.IsGet(method):
                    await WriteAsync(context, 200, _lane.FaultableDevices.SelectMany(d => _lane.Faults(d).Snapshot())
                        .Select(f => new FaultReport(f.Device, DeviceFaultKinds.WireName(f.Kind), Math.Round(f.Remaining.TotalSeconds, 1), f.Scheduled)));
                    break;
                case "/scenario" when HttpMethods.IsPost(method):
                    await ScenarioAsync(context);
                    break;
                case "/":
                    await WriteAsync(context, 200, new
                    {
                        service = "SmartCustoms lane simulator control",
                        endpoints = Endpoints,
                    });
                    break;
                case "/truth" or "/status" or "/faults" or "/scenario":
                    await ErrorAsync(context, 405, $"method {method} is not allowed on {path}");
                    break;
                default:
                    await ErrorAsync(context, 404, $"no such endpoint {path}; see GET /");
                    break;
            }
        }
        catch (JsonException ex)
        {
            await ErrorAsync(context, 400, "body is not valid JSON: " + ex.Message);
        }
    }

    private static Task ErrorAsync(HttpContext context, int status, string error) => WriteAsync(context, status, new { ok = false, error });

    private static async Task WriteAsync<T>(HttpContext context, int status, T body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        await JsonSerializer.SerializeAsync(context.Response.Body, body, ControlJson.Options, context.RequestAborted);
    }

    private static async Task<T?> ReadAsync<T>(HttpContext context) =>
        await JsonSerializer.DeserializeAsync<T>(context.Request.Body, ControlJson.Options, context.RequestAborted);

    private async Task TruthAsync(HttpContext context)
    {
        double ahead = 0;
        if (context.Request.Query.TryGetValue("aheadS", out var text)
            && (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out ahead) || ahead < 0 || ahead > 3600))
        {
            await ErrorAsync(context, 400, $"aheadS must be a number of seconds 0-3600, got '{text}'");
            return;
        }

        await WriteAsync(context, 200, _lane.Truth(ahead));
    }

    private async Task FaultAsync(HttpContext context)
    {
        var request = await ReadAsync<FaultRequest>(context);
        string device = request?.Device?.Trim().ToLowerInvariant() ?? string.Empty;
        if (!Devices.Contains(device))
        {
            await ErrorAsync(context, 400, $"device must be one of {string.Join(", ", Devices)}; got '{request?.Device}'");
            return;
        }

        if (!_lane.FaultableDevices.Contains(device, StringComparer.OrdinalIgnoreCase))
        {
            await ErrorAsync(context, 400, $"device '{device}' is not simulated in this lane (running: {string.Join(", ", _lane.FaultableDevices)})");
            return;
        }

        var applicable = DeviceFaultKinds.ApplicableTo(device);
        if (!DeviceFaultKinds.TryParse(request!.Kind, out var kind) || !applicable.Contains(kind))
        {
            await ErrorAsync(context, 400, $"kind for {device} must be one of {string.Join(", ", applicable.Select(DeviceFaultKinds.WireName))}; got '{request.Kind}'");
            return;
        }

        if (request.Seconds is not { } seconds || double.IsNaN(seconds) || seconds < 0 || seconds > 86_400)
        {
            await ErrorAsync(context, 400, $"seconds must be a number 0-86400 (0 ends the fault); got {request.Seconds?.ToString(CultureInfo.InvariantCulture) ?? "nothing"}");
            return;
        }

        if (kind != DeviceFaultKind.ClockOffset)
        {
            if (request.OffsetSeconds is not null)
            {
                await ErrorAsync(context, 400, $"offsetSeconds applies only to kind clock-offset; got it with '{request.Kind}'");
                return;
            }

            _lane.Faults(device).Inject(kind, TimeSpan.FromSeconds(seconds));
            await WriteAsync(context, 200, new { ok = true, device, kind = DeviceFaultKinds.WireName(kind), seconds });
            return;
        }

        double max = DeviceFaultKinds.MaxClockOffset.TotalSeconds;
        double offset = request.OffsetSeconds ?? DeviceFaultKinds.DefaultClockOffset.TotalSeconds;
        if (!double.IsFinite(offset) || Math.Abs(offset) > max)
        {
            await ErrorAsync(context, 400, string.Create(CultureInfo.InvariantCulture, $"offsetSeconds must be a number of seconds from -{max} to {max} (default 3600); got {offset}"));
            return;
        }

        _lane.Faults(device).InjectClockOffset(TimeSpan.FromSeconds(offset), TimeSpan.FromSeconds(seconds));
        await WriteAsync(context, 200, new { ok = true, device, kind = DeviceFaultKinds.WireName(kind), seconds, offsetSeconds = offset });
    }

    private async Task ScenarioAsync(HttpContext context)
    {
        var request = await ReadAsync<ScenarioRequest>(context);
        string name = request?.Name?.Trim() ?? string.Empty;
        if (!LaneScenarios.IsKnown(name))
        {
            await ErrorAsync(context, 400, $"name must be one of {string.Join(", ", LaneScenarios.Names)}; got '{request?.Name}'");
            return;
        }

        await _lane.SwitchScenarioAsync(name.ToLowerInvariant(), request!.Seed, context.RequestAborted);
        await WriteAsync(context, 200, new { ok = true, scenario = _lane.World.Scenario.Name, seed = _lane.World.Seed });
    }
}
