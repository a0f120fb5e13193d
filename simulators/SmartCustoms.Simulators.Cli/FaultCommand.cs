using System.CommandLine;
using System.Net.Http.Json;
using System.Text.Json;

namespace SmartCustoms.Simulators.Cli;

/// <summary><c>scsim fault DEVICE KIND SECONDS</c>: injects a fault through a running lane's control API.</summary>
internal static class FaultCommand
{
    public static Command Create()
    {
        var device = new Argument<string>("device") { Description = "nir | camera | sampler | scale | radiation | cabinet (the I2C climate sensor) | laneio (the lane GPIO)" };
        var kind = new Argument<string>("kind") { Description = "disconnect | stall | garbage | slow (every device); nan | saturated (nir); exception | stuck-heartbeat (sampler, scale, radiation); frozen | corrupt (camera); clock-offset (nir, camera); disconnect | bad-crc (cabinet: the I2C climate sensor); disconnect (laneio: the GPIO stops answering)" };
        var seconds = new Argument<double>("seconds") { Description = "How long the fault lasts; 0 ends it." };
        var offset = new Option<double?>("--offset") { Description = "clock-offset only: seconds the device clock is off, either sign (default +3600)." };
        var control = new Option<string>("--control") { Description = "Base address of the simulator's control API.", DefaultValueFactory = _ => "http://127.0.0.1:8090" };
        var command = new Command("fault", "Inject a fault into a running simulator (scsim lane, or the gateway's --simulate) through its control API:\n  scsim fault sampler stall 10\n  scsim fault camera frozen 5 --control http://127.0.0.1:8090\n  scsim fault nir clock-offset 30 --offset -120")
        {
            device, kind, seconds, offset, control,
        };
        command.SetAction(async (parse, ct) =>
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
            var body = new { device = parse.GetValue(device), kind = parse.GetValue(kind), seconds = parse.GetValue(seconds), offsetSeconds = parse.GetValue(offset) };
            string url = parse.GetValue(control)!.TrimEnd('/') + "/faults";
            try
            {
                using var response = await http.PostAsJsonAsync(url, body, ct);
                string text = await response.Content.ReadAsStringAsync(ct);
                using var doc = JsonDocument.Parse(text);
                if (response.IsSuccessStatusCode)
                {
                    Console.WriteLine(body.offsetSeconds is { } off ? $"ok: {body.device} {body.kind} {off:+0.###;-0.###} s for {body.seconds} s" : $"ok: {body.device} {body.kind} for {body.seconds} s");
                    return 0;
                }

                Console.Error.WriteLine("error: " + (doc.RootElement.TryGetProperty("error", out var e) ? e.GetString() : text));
                return 1;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException)
            {
                Console.Error.WriteLine($"error: no simulator control API at {url}: {ex.Message}");
                return 2;
            }
        });
        return command;
    }
}
